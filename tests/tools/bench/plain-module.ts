/**
 * The bench's other way of loading a page's module, to weigh the after-first-paint loader
 * (src/build/deferred-scripts.ts) against what Astro writes without it: `<script type="module"
 * src>` in the head, which every browser fetches at once and runs after parsing, before
 * DOMContentLoaded.
 */

/** Where the bench serves a page's plain-module variant: `/__plain-module__/<path>`. */
export const PLAIN_MODULE_PREFIX = "/__plain-module__";

/** The loader as deferred-scripts.ts appends it to the inline boot script. */
const LOADER = /;addEventListener\("DOMContentLoaded",.*?(?=<\/script>)/s;

/**
 * `html` as Astro wrote it before the post-build step: the loader taken off the boot script and
 * each module it imports restored as a `<script type="module" src>` at the end of the head.
 * Throws on a page without the loader, so a change to the loader cannot go unmeasured.
 */
export function plainModulePage(html: string): string {
  const loader = LOADER.exec(html)?.[0];
  if (!loader) throw new Error("The page has no after-first-paint loader to replace.");
  const sources = [...loader.matchAll(/import\("([^"]+)"\)/g)].map(([, source]) => source);
  const scripts = sources.map((source) => `<script type="module" src="${source}"></script>`).join("");
  return html.replace(loader, "").replace("</head>", `${scripts}</head>`);
}
