import { readdir, readFile, rm } from "node:fs/promises";
import { join, sep } from "node:path";
import { parseHTML } from "linkedom";
import { close, createIndex } from "pagefind";
import { splitForSearch } from "../lib/search-text";

/** Where the index and Pagefind's browser code are written, under the built site. */
export const SEARCH_BUNDLE_DIR = "pagefind";

/**
 * Pagefind's settings for this site. What is indexed is marked in the pages: `data-pagefind-body`
 * on the text of each section page and on the lead of each full article (whose sections are
 * indexed on their own pages).
 *
 * `excludeSelectors`: the site's own words inside that text, left out here rather than by
 * `data-pagefind-ignore` in the markup, because the same components render on the full article,
 * which is not indexed and has no byte to spare under its 14 KiB budget:
 * - `.heading-anchor`: a heading's link, whose text is its # (Heading.astro);
 * - `[data-callout] > p:first-child`: a callout's label, ポイント / 注意 / 補足 (Callout.astro);
 *
 * The まとめ checklist is a form, which Pagefind never indexes: the copy of the page it reads
 * holds the checklist's points as a plain list instead (`indexedCopy`), without the controls.
 *
 * `forceLanguage: "und"` (no particular language): Pagefind would cut Japanese into words with its
 * own dictionary here and with the browser's `Intl.Segmenter` at search time, which disagree.
 * Instead the indexed text arrives with every kanji and kana set apart (src/lib/search-text.ts),
 * and a language Pagefind neither segments nor stems keeps it exactly so.
 */
export const SEARCH_INDEX_CONFIG = {
  forceLanguage: "und",
  excludeSelectors: [".heading-anchor", "[data-callout] > p:first-child"],
};

/**
 * Pagefind writes its ready-made search interfaces beside its API (pagefind-ui.js,
 * pagefind-component-ui.js, pagefind-modular-ui.js, their CSS, pagefind-highlight.js: ~430 KB).
 * The search page uses the API alone (src/scripts/site-search.ts), so they are never loaded.
 */
const UNUSED_UI_FILE = /^pagefind-(?:(?:component-|modular-)?ui\.(?:js|css)|highlight\.js)$/;

async function removeUnusedUi(bundleDir: string) {
  for (const name of await readdir(bundleDir)) if (UNUSED_UI_FILE.test(name)) await rm(join(bundleDir, name));
}

/** The built pages under `root`, by path: those without `data-pagefind-body` are not indexed. */
async function builtPages(root: string): Promise<string[]> {
  const files = await readdir(root, { recursive: true });
  return files
    .filter((file) => file.endsWith(".html") && !file.startsWith(`${SEARCH_BUNDLE_DIR}${sep}`))
    .sort();
}

/** The URL a built file is served at: `a/b/index.html` → `/a/b/`. */
function pageUrl(file: string): string {
  return `/${file.split(sep).join("/")}`.replace(/index\.html$/, "");
}

/** Block ends that get a 「。」 in the indexed copy unless they end a sentence already. */
const BLOCK_ENDS = "h1, h2, h3, h4, h5, h6, li, figcaption";
const SENTENCE_END = /[。！？!?」』）]\s*$/u;

/**
 * The page as Pagefind should read it: its title first, the checklist's points as a list (a form
 * is never indexed), a 「。」 after each heading and list item so that an excerpt never runs one into the
 * next, and the text split as search reads it (src/lib/search-text.ts). The page served is not
 * changed.
 */
export function indexedCopy(html: string): string {
  const { document } = parseHTML(html);
  for (const checklist of document.querySelectorAll("[data-pagefind-body] summary-checklist")) {
    const list = document.createElement("ul");
    for (const label of checklist.querySelectorAll("label")) {
      const item = document.createElement("li");
      item.textContent = label.textContent ?? "";
      list.append(item);
    }
    checklist.replaceWith(list);
  }
  for (const body of document.querySelectorAll("[data-pagefind-body]")) {
    // The page's title counts as its text, as it does for a reader scanning the results.
    const title = body.closest("[data-search-title]")?.getAttribute("data-search-title");
    if (title) {
      const heading = document.createElement("h1");
      heading.textContent = title;
      body.prepend(heading);
    }
    for (const block of body.querySelectorAll(BLOCK_ENDS))
      if (!SENTENCE_END.test(block.textContent ?? "")) block.after("。");
    const walker = document.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      node.nodeValue = splitForSearch(node.nodeValue ?? "");
  }
  return document.toString();
}

/**
 * Indexes the built HTML under `root` with Pagefind's Node API and writes the index and its
 * browser code to `root/pagefind/`; returns how many pages it indexed. Stops the build on any error Pagefind reports: a site whose
 * search page finds nothing must not be deployed.
 */
export async function writeSearchIndex(root: string): Promise<number> {
  const fail = (what: string, errors: readonly string[]) => {
    throw new Error(`Pagefind: ${what}: ${errors.join("; ")}`);
  };
  try {
    const { index, errors } = await createIndex(SEARCH_INDEX_CONFIG);
    if (!index || errors.length > 0) return fail("could not create the index", errors);
    let pageCount = 0;
    for (const file of await builtPages(root)) {
      const html = await readFile(join(root, file), "utf8");
      if (!html.includes("data-pagefind-body")) continue;
      const added = await index.addHTMLFile({ url: pageUrl(file), content: indexedCopy(html) });
      if (added.errors.length > 0) fail(`could not index ${file}`, added.errors);
      pageCount += 1;
    }
    if (pageCount === 0) fail("no page has data-pagefind-body", ["nothing to search"]);
    const written = await index.writeFiles({ outputPath: join(root, SEARCH_BUNDLE_DIR) });
    if (written.errors.length > 0) fail("could not write the index", written.errors);
    await removeUnusedUi(join(root, SEARCH_BUNDLE_DIR));
    return pageCount;
  } finally {
    // The service is a child process; left running it would keep the build from exiting.
    await close();
  }
}
