import type { APIRoute } from "astro";
import { srcDir } from "astro:config/server";
import { readFileSync } from "node:fs";

/**
 * /print.css: the print stylesheet (src/styles/print.css), linked with media="print" by every
 * page. Read as a file, as plain CSS (it uses no Tailwind), comments and indentation
 * dropped.
 */
export const GET: APIRoute = () => {
  const css = readFileSync(new URL("styles/print.css", srcDir), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s*\n\s*/g, "")
    .replace(/\s*([{};:,])\s*/g, "$1");
  return new Response(css, { headers: { "Content-Type": "text/css; charset=utf-8" } });
};
