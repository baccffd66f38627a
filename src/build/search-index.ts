import { close, createIndex } from "pagefind";
import { join } from "node:path";

/** Where the index and Pagefind's browser code are written, under the built site. */
export const SEARCH_BUNDLE_DIR = "pagefind";

/**
 * Pagefind's settings for this site. What is indexed is marked in the pages: `data-pagefind-body`
 * on the text of each section page (so a page without it, such as the full article that repeats
 * every section, is left out), `data-pagefind-ignore` on the controls inside that text.
 *
 * `forceLanguage: "ja"`: every page is Japanese, so the index is one language and Pagefind
 * segments it as Japanese whatever `lang` a page declares.
 */
export const SEARCH_INDEX_CONFIG = { forceLanguage: "ja" } as const;

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
    return added.page_count;
  } finally {
    // The service is a child process; left running it would keep the build from exiting.
    await close();
  }
}
