import type { APIRoute } from "astro";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/**
 * /print.css: the print stylesheet (src/styles/print.css), linked with media="print" by every
 * page. Read from the project root as plain CSS (it uses no Tailwind), comments and indentation
 * dropped.
 */
export const GET: APIRoute = () => {
  const css = readFileSync(resolve("src/styles/print.css"), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s*\n\s*/g, "")
    .replace(/\s*([{};:,])\s*/g, "$1");
  return new Response(css, { headers: { "Content-Type": "text/css; charset=utf-8" } });
};
