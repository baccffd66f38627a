import type { APIRoute } from "astro";
import { faviconIco } from "../site/favicon";

/** /favicon.ico, rendered from the same drawing as /favicon.svg; no page links it. */
export const GET: APIRoute = () =>
  new Response(new Uint8Array(faviconIco()), { headers: { "Content-Type": "image/x-icon" } });
