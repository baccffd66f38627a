import type { APIRoute } from "astro";
import { touchIconPng } from "../site/favicon";

/** /apple-touch-icon.png, the home-screen icon every page links (BaseLayout.astro). */
export const GET: APIRoute = () =>
  new Response(new Uint8Array(touchIconPng()), { headers: { "Content-Type": "image/png" } });
