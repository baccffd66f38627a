import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { builtPages, readPage } from "./built-site.ts";
import { sitePages } from "./site.ts";

/**
 * Byte budgets on what the site controls, never on what the author writes (an article may be as
 * long as it needs):
 * - the first screen — everything up to the end of the first paragraph of the article's text (the
 *   whole page where there is none) — arrives in the first TCP round trip: ≤ 14 KiB of gzip;
 * - what the site adds around the article's text (the page with every `.prose-ja` body emptied)
 *   stays within a fixed budget per kind of page;
 * - the JavaScript a page loads stays small (≤ 3 KiB gzip in all).
 */
export const FIRST_ROUND_TRIP = 14_336;
export const JS_BUDGET = 3_072;

/** Gzip bytes of the site's own part of each kind of page: the frame, navigation, lists, metadata. */
export const SITE_BUDGET = { article: 11_264, section: 10_752, home: 9_216, other: 8_192 } as const;

export const gzipSize = (bytes: Buffer | string) => gzipSync(bytes, { level: 9 }).length;

export function kindOf(distDir: string, path: string): keyof typeof SITE_BUDGET {
  const site = sitePages(distDir);
  // The home page and its later pages (/page/2/ …) are one list.
  if (path === site.home || /^\/page\/\d+\/$/.test(path)) return "home";
  if (site.articles.some((article) => article.path === path)) return "article";
  if (site.sections.includes(path)) return "section";
  return "other";
}

/** The article's own words and markup: the MDX bodies of the lead and of each section. */
const CONTENT = ".prose-ja";

/** Gzip bytes of the page without the article's own text and markup. */
export function siteBytes(distDir: string, path: string): number {
  const { document } = readPage(distDir, path);
  for (const content of document.querySelectorAll(CONTENT)) content.innerHTML = "";
  return gzipSize(document.toString());
}

/** Gzip bytes of the page up to the end of its text's first paragraph (the whole page without text). */
export function firstScreenBytes(distDir: string, path: string): number {
  const { html } = readPage(distDir, path);
  const start = html.indexOf(`class="${CONTENT.slice(1)}`);
  const end = start === -1 ? html.length : html.indexOf("</p>", start) + "</p>".length;
  return gzipSize(html.slice(0, end));
}

/**
 * Every byte of JavaScript a page runs without the reader doing anything: inline scripts, script
 * elements with src. (The quote-link chunk is fetched only when the reader selects text, so it is
 * not part of a page's load.)
 */
export function jsBytes(distDir: string, path: string): number {
  const { document } = readPage(distDir, path);
  let total = 0;
  for (const script of document.querySelectorAll("script")) {
    const src = script.getAttribute("src");
    if (src) total += gzipSize(readFileSync(join(distDir, src)));
    else if (script.getAttribute("type") !== "application/ld+json")
      total += gzipSize(script.textContent ?? "");
  }
  return total;
}

/** Each budget of one page, as [what, bytes, limit]. */
export function pageBudgets(distDir: string, path: string): [string, number, number][] {
  const kind = kindOf(distDir, path);
  return [
    ["first screen", firstScreenBytes(distDir, path), FIRST_ROUND_TRIP],
    [`site's part (${kind})`, siteBytes(distDir, path), SITE_BUDGET[kind]],
    ["JavaScript", jsBytes(distDir, path), JS_BUDGET],
  ];
}

/** Every budget a page of the site at `distDir` goes over, as "<page> <what>: <bytes> B gzip, limit <limit> B". */
export function overBudget(distDir: string): string[] {
  return builtPages(distDir).flatMap((path) =>
    pageBudgets(distDir, path)
      .filter(([, bytes, limit]) => bytes > limit)
      .map(([what, bytes, limit]) => `${path} ${what}: ${bytes} B gzip, limit ${limit} B`),
  );
}
