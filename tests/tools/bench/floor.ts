import { parseHTML } from "linkedom";

/** Where the bench server serves the floor page, beside the real site on the same origin. */
export const FLOOR_PATH = "/__floor__/";

/**
 * Parts of `<main>` that are interface, not article: navigation, controls, icons, and text only
 * screen readers or the print stylesheet see. The floor keeps what a reader reads.
 */
const NOT_ARTICLE_TEXT = [
  "nav",
  "script",
  "style",
  "template",
  "button",
  "svg",
  "input",
  "[hidden]",
  "[aria-hidden='true']",
  ".sr-only",
  "[data-print='hide']",
].join(", ");

const BLOCKS_KEPT = new Set(["H1", "H2", "H3", "P"]);
const LISTS_KEPT = new Set(["UL", "OL"]);

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot" }[char]};`);
}

/** Text as a reader sees it: `<wbr>` and line breaks in the source add no characters in Japanese. */
function readableText(element: Element): string {
  return (element.textContent ?? "").replace(/\s+/g, " ").trim();
}

function blocksOf(element: Element, out: string[]): void {
  for (const child of element.children) {
    const tag = child.tagName;
    if (BLOCKS_KEPT.has(tag)) {
      const text = readableText(child);
      if (text) out.push(`<${tag.toLowerCase()}>${escapeHtml(text)}</${tag.toLowerCase()}>`);
    } else if (LISTS_KEPT.has(tag)) {
      const items = [...child.children]
        .filter((item) => item.tagName === "LI")
        // A checklist point's sentence is its label; the rest of the item is a link to the section.
        .map((item) => readableText(item.querySelector("label") ?? item))
        .filter(Boolean);
      if (items.length > 0) {
        const list = tag.toLowerCase();
        out.push(`<${list}>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</${list}>`);
      }
    } else {
      blocksOf(child, out);
    }
  }
}

/**
 * About 2 KB, the least a careful hand-written page would ship: Japanese system fonts, a
 * readable measure and line height, and both colour schemes.
 */
const FLOOR_CSS = `
:root {
  color-scheme: light dark;
  --paper: #fbfaf7;
  --ink: #1f2328;
  --muted: #59636e;
  --accent: #0b6b5c;
  --rule: #d8d4cc;
}
@media (prefers-color-scheme: dark) {
  :root {
    --paper: #16181b;
    --ink: #e6e4df;
    --muted: #a3a9b0;
    --accent: #6fd3bf;
    --rule: #3a3f45;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html {
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
body {
  margin: 0;
  background: var(--paper);
  color: var(--ink);
  font-family: "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "Noto Sans CJK JP",
    "BIZ UDPGothic", Meiryo, "Yu Gothic UI", system-ui, sans-serif;
  font-size: 1.0625rem;
  line-height: 1.9;
  font-feature-settings: "palt" 0;
  line-break: strict;
  overflow-wrap: anywhere;
  word-break: normal;
}
main {
  max-width: 40rem;
  margin: 0 auto;
  padding: 1.5rem 1.25rem 4rem;
}
h1, h2, h3 {
  line-height: 1.45;
  font-weight: 700;
  letter-spacing: 0.02em;
  text-wrap: balance;
  word-break: auto-phrase;
}
h1 { font-size: 1.75rem; margin: 0 0 1rem; }
h2 {
  font-size: 1.35rem;
  margin: 3.5rem 0 1.25rem;
  padding-top: 1.5rem;
  border-top: 1px solid var(--rule);
}
h3 { font-size: 1.15rem; margin: 2.5rem 0 0.75rem; }
p { margin: 0 0 1.25em; }
ul, ol { margin: 0 0 1.25em; padding-left: 1.5em; }
li { margin: 0.25em 0; }
li::marker { color: var(--accent); }
a { color: var(--accent); text-underline-offset: 0.2em; }
strong { font-weight: 700; background: linear-gradient(transparent 65%, color-mix(in srgb, var(--accent) 22%, transparent) 0); }
blockquote { margin: 0 0 1.25em; padding-left: 1em; border-left: 3px solid var(--rule); color: var(--muted); }
hr { border: 0; border-top: 1px solid var(--rule); margin: 2.5rem 0; }
::selection { background: color-mix(in srgb, var(--accent) 30%, transparent); }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
@media (min-width: 40rem) {
  main { padding-top: 3rem; }
  h1 { font-size: 2.25rem; }
  h2 { font-size: 1.5rem; }
}
@media print {
  body { background: #fff; color: #000; }
  h2, h3 { break-after: avoid; }
}
`
  .replace(/\n\s*/g, "\n")
  .trim();

/** The project's favicon shape inline: a tiny icon that costs no request. */
const FLOOR_FAVICON =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0b6b5c"/><path d="M9 10h14a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2h-7l-5 4v-4H9a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2z" fill="#fbfaf7"/></svg>',
  );

/**
 * The floor: the same article text as plain semantic HTML with a little inline CSS, no script, no
 * web font. It is what the real page costs at the least, so the ratio of a page to it says how
 * much the design and features add; absolute Lighthouse numbers move with the machine, ratios less.
 */
export function floorPage(builtArticleHtml: string): {
  html: string;
  blockCount: number;
  textLength: number;
} {
  const { document } = parseHTML(builtArticleHtml);
  const main = document.querySelector("main");
  if (!main) throw new Error("the full article has no <main>: the floor page takes its text from there.");
  const title = document.querySelector("title")?.textContent ?? "";
  const description = document.querySelector("meta[name='description']")?.getAttribute("content") ?? "";

  const content = main.cloneNode(true) as Element;
  for (const element of content.querySelectorAll(NOT_ARTICLE_TEXT)) element.remove();
  const blocks: string[] = [];
  blocksOf(content, blocks);
  if (!blocks.some((block) => block.startsWith("<h1>"))) {
    throw new Error("The floor page found no <h1> in the full article.s <main>.");
  }

  const html = [
    "<!doctype html>",
    '<html lang="ja">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<meta name="description" content="${escapeHtml(description)}">`,
    '<meta name="color-scheme" content="light dark">',
    `<link rel="icon" href="${FLOOR_FAVICON}" type="image/svg+xml">`,
    `<style>\n${FLOOR_CSS}\n</style>`,
    "</head>",
    "<body>",
    "<main>",
    ...blocks,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
  return { html, blockCount: blocks.length, textLength: readableText(content).length };
}
