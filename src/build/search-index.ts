import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { close, createIndex } from "pagefind";

/** Where the index and Pagefind's browser code are written, under the built site. */
export const SEARCH_BUNDLE_DIR = "pagefind";

/**
 * Pagefind's settings for this site. What is indexed is marked in the pages: `data-pagefind-body`
 * on the text of each section page (so a page without it, such as the full article that repeats
 * every section, is left out).
 *
 * `excludeSelectors`: the site's own words inside that text, left out here rather than by
 * `data-pagefind-ignore` in the markup, because the same components render on the full article,
 * which is not indexed and has no byte to spare under its 14 KiB budget:
 * - `.heading-anchor`: a heading's link, whose text is its # (Heading.astro);
 * - `[data-callout] > p:first-child`: a callout's label, ポイント / 注意 / 補足 (Callout.astro);
 * - `summary-checklist`: the まとめ checklist (SummaryChecklist.astro), whose points restate the
 *   sections they link to, so search leads to those sections instead.
 *
 * `forceLanguage: "ja"`: every page is Japanese, so the index is one language and Pagefind
 * segments it as Japanese whatever `lang` a page declares. Every page declares `ja` today, so it
 * changes nothing now (the same index, byte for byte); it keeps a page that ever lacks `lang`
 * from getting an index of its own.
 */
export const SEARCH_INDEX_CONFIG = {
  forceLanguage: "ja",
  excludeSelectors: [".heading-anchor", "[data-callout] > p:first-child", "summary-checklist"],
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
    const added = await index.addDirectory({ path: root });
    if (added.errors.length > 0) fail("could not index the site", added.errors);
    if (added.page_count === 0) fail("no page has data-pagefind-body", ["nothing to search"]);
    const written = await index.writeFiles({ outputPath: join(root, SEARCH_BUNDLE_DIR) });
    if (written.errors.length > 0) fail("could not write the index", written.errors);
    await removeUnusedUi(join(root, SEARCH_BUNDLE_DIR));
    return added.page_count;
  } finally {
    // The service is a child process; left running it would keep the build from exiting.
    await close();
  }
}
