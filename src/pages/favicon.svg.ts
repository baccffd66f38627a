import type { APIRoute } from "astro";
import { FAVICON_SVG } from "../site/favicon";

/** /favicon.svg, for clients that ask for the icon by name; pages carry it inline. */
export const GET: APIRoute = () =>
  new Response(FAVICON_SVG, { headers: { "Content-Type": "image/svg+xml" } });
