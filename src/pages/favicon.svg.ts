import type { APIRoute } from "astro";
import { FAVICON_SVG } from "../site/favicon";

/** /favicon.svg, the icon every page links (BaseLayout.astro). */
export const GET: APIRoute = () =>
  new Response(FAVICON_SVG, { headers: { "Content-Type": "image/svg+xml" } });
