import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { close, createIndex } from "pagefind";
import { splitForSearch } from "../lib/search-text.ts";

/** Where the index and Pagefind's browser code are written, under the built site. */
export const SEARCH_BUNDLE_DIR = "pagefind";

/**
 * Pagefind's settings for this site. What is indexed is marked in the pages: `data-pagefind-body`
 * on the text of each section page and on the lead of each full article (whose sections are
 * indexed on their own pages).
 *
 * `excludeSelectors`: the site's own words inside that text, left out here rather than by
 * `data-pagefind-ignore` in the markup of every page that shows them:
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
 * pagefind-component-ui.js, pagefind-modular-ui.js, their CSS, pagefind-highlight.js). The search
 * page uses the API alone (src/scripts/site-search.ts), so they would only be deployed unused.
 */
const UNUSED_UI_FILE = /^pagefind-(?:(?:component-|modular-)?ui\.(?:js|css)|highlight\.js)$/;

async function removeUnusedUi(bundleDir: string) {
  for (const name of await readdir(bundleDir)) if (UNUSED_UI_FILE.test(name)) await rm(join(bundleDir, name));
}

/** Pages sent to Pagefind before waiting for the first of them to be indexed. */
const PAGES_IN_FLIGHT = 8;

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

/** Elements whose end is a block end: a 「。」 follows them in the indexed copy unless one is there. */
const BLOCK_END = /<(h[1-6]|li|figcaption)\b[^>]*>([\s\S]*?)<\/\1>/g;
const SENTENCE_END = /[。！？!?」』）]\s*$/u;
const CHECKLIST = /<summary-checklist\b[\s\S]*?<\/summary-checklist>/g;
const LABEL = /<label\b[^>]*>([\s\S]*?)<\/label>/g;
const tagsOut = (html: string) => html.replace(/<[^>]+>/g, "");

/**
 * A piece of markup: a comment, or a raw-text element whole (neither holds tags), or a tag, whose
 * attribute values may hold ">" (Astro escapes only & and " in them). Lengths are capped so that a
 * stray "<" costs a bounded look ahead, never a scan to the end of the page.
 */
const MARKUP =
  /<!--[\s\S]*?-->|<(script|style|textarea)\b[^>]*>[\s\S]*?<\/\1\s*>|<(\/?)([a-z][\w-]*)((?:[^>"]|"[^"]{0,4000}"){0,4000})>/gi;
const VOID_ELEMENTS = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);
const PAGEFIND_ATTRIBUTE = /\sdata-pagefind-(?:meta|filter|sort)\b/;

/**
 * What Pagefind reads of a page: the element marked `data-pagefind-body`, inside those of its
 * ancestors that carry its meta, filters or sort keys (a section page's title and article name are
 * on its <article>). Pagefind indexes nothing else, so the rest of the page (on a full article,
 * every section after the lead) is neither split nor sent to it. Nothing before <main> is read.
 */
function indexedPart(html: string): string {
  const markup = new RegExp(MARKUP);
  markup.lastIndex = Math.max(0, html.indexOf("<main"));
  // The elements open at each point: once the body is reached, its ancestors.
  const open: { name: string; tag: string }[] = [];
  let body: { name: string; start: number; depth: number } | undefined;
  for (let piece = markup.exec(html); piece; piece = markup.exec(html)) {
    const [tag, , closing, tagName, attributes = ""] = piece;
    if (tagName === undefined) continue;
    const name = tagName.toLowerCase();
    const empty = VOID_ELEMENTS.has(name) || attributes.endsWith("/");
    if (body && name === body.name && !empty) body.depth += closing ? -1 : 1;
    if (body?.depth === 0) {
      const carriers = open.filter((element) => PAGEFIND_ATTRIBUTE.test(element.tag));
      return [
        ...carriers.map((element) => element.tag),
        html.slice(body.start, piece.index + tag.length),
        ...carriers.map((element) => `</${element.name}>`).reverse(),
      ].join("");
    }
    if (body || empty) continue;
    if (closing) {
      // A closing tag closes the nearest open element of its name (a stray one closes nothing).
      const at = open.findLastIndex((element) => element.name === name);
      if (at !== -1) open.length = at;
    } else if (/\sdata-pagefind-body\b/.test(attributes)) body = { name, start: piece.index, depth: 1 };
    else open.push({ name, tag });
  }
  if (body) throw new Error(`the <${body.name} data-pagefind-body> element has no end`);
  return "";
}

/**
 * The page as Pagefind should read it: the part it indexes (`indexedPart`), its title first (as a
 * reader scanning results reads it), the checklist's points as a plain list (a form is never
 * indexed), a 「。」 after each heading, list item and caption so that an excerpt never runs one
 * block into the next, and its text split as search reads it (src/lib/search-text.ts). String
 * work on the site's own markup, which is well formed, rather than a DOM: a fraction of the time a
 * parser takes on a thousand pages. The page served is not changed.
 */
export function indexedCopy(html: string): string {
  let part = indexedPart(html);
  const title = /\bdata-search-title="([^"]*)"/.exec(part)?.[1];
  if (title)
    part = part.replace(
      /<(?:[^>"]|"[^"]*")*\bdata-pagefind-body\b(?:[^>"]|"[^"]*")*>/,
      (body) =>
        `${body}<h1 data-pagefind-meta="title[data-search-title]" data-search-title="${title}">${title.replaceAll("<", "&lt;").replaceAll(">", "&gt;")}</h1>`,
    );
  part = part.replace(CHECKLIST, (checklist) => {
    const points = [...checklist.matchAll(LABEL)].map((label) => `<li>${tagsOut(label[1] ?? "")}</li>`);
    return `<ul>${points.join("")}</ul>`;
  });
  part = part
    .replace(BLOCK_END, (block, _name, inner: string) =>
      SENTENCE_END.test(tagsOut(inner)) ? block : `${block}。`,
    )
    // A list item's own text before a list nested in it ends there too.
    .replace(/([^>。！？」』）\s])(\s*<[uo]l\b)/g, "$1。$2");
  const split = part
    .split(/(<(?:[^>"]|"[^"]*")+>)/)
    .map((piece, index) => (index % 2 === 1 ? piece : splitForSearch(piece)))
    .join("");
  return `<!DOCTYPE html><html><head></head><body>${split}</body></html>`;
}

/**
 * What the last index was made from: the built folder, Pagefind's version and settings, and each
 * built page by its file's size and time, with a digest of what Pagefind read of it (`null`: not
 * indexed). dist/ is kept between builds, so when every page is as it was, or reads the same, the
 * index in `pagefind/` is still the one Pagefind would write, and the build keeps it.
 */
interface IndexRecord {
  inputs: string;
  pages: Record<string, { size: number; time: number; read: string | null }>;
}

/** Kept in Astro's cache folder (node_modules/.astro/), where deleting it is always safe. */
const RECORD_FILE = fileURLToPath(new URL("../../node_modules/.astro/search-index.json", import.meta.url));

/** Pagefind does not export its package.json; its one entry point is lib/index.js beside it. */
const PAGEFIND_VERSION = (
  JSON.parse(await readFile(new URL("../package.json", import.meta.resolve("pagefind")), "utf8")) as {
    version: string;
  }
).version;

const digest = (text: string) => createHash("sha256").update(text).digest("base64url");

/** The page Pagefind reads of the built page `file` under `root`, or none when it is not indexed. */
function searchCopy(root: string, file: string): string | null {
  const html = readFileSync(join(root, file), "utf8");
  try {
    return html.includes("data-pagefind-body") ? indexedCopy(html) : null;
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Whether the index under `root` was made from exactly these pages: a page whose file is as it
 * was is not read again, one rewritten (a page Astro renders on every build) is read and compared.
 */
function indexIsCurrent(root: string, files: readonly string[], record: IndexRecord | undefined) {
  if (!record || Object.keys(record.pages).length !== files.length) return false;
  if (!existsSync(join(root, SEARCH_BUNDLE_DIR, "pagefind-entry.json"))) return false;
  for (const file of files) {
    const before = record.pages[file];
    if (!before) return false;
    const { size, mtimeMs } = statSync(join(root, file));
    if (size === before.size && mtimeMs === before.time) continue;
    const copy = searchCopy(root, file);
    if ((copy === null ? null : digest(copy)) !== before.read) return false;
  }
  return true;
}

/**
 * Indexes the built HTML under `root` with Pagefind's Node API and writes the index and its
 * browser code to `root/pagefind/`, unless the index there was made from these same pages; returns
 * how many pages it indexed, or `undefined` when it kept the index. Stops the build on any error
 * Pagefind reports: a site whose search page finds nothing must not be deployed.
 */
export async function writeSearchIndex(root: string): Promise<number | undefined> {
  const fail = (what: string, errors: readonly string[]) => {
    throw new Error(`Pagefind: ${what}: ${errors.join("; ")}`);
  };
  const files = await builtPages(root);
  const inputs = JSON.stringify([resolve(root), PAGEFIND_VERSION, SEARCH_INDEX_CONFIG]);
  const previous = await readFile(RECORD_FILE, "utf8")
    .then((text) => JSON.parse(text) as IndexRecord)
    .catch(() => undefined);
  if (previous?.inputs === inputs && indexIsCurrent(root, files, previous)) return undefined;
  // A record is written only with a complete index: until then, no later build may keep this one.
  await rm(RECORD_FILE, { force: true });
  const record: IndexRecord = { inputs, pages: {} };
  try {
    const { index, errors } = await createIndex(SEARCH_INDEX_CONFIG);
    if (!index || errors.length > 0) return fail("could not create the index", errors);
    let pageCount = 0;
    // Pages go to Pagefind's process a few at a time, so it indexes one while this one reads the next.
    const adding = new Set<Promise<void>>();
    let failure: unknown;
    for (const file of files) {
      const { size, mtimeMs } = statSync(join(root, file));
      const copy = searchCopy(root, file);
      record.pages[file] = { size, time: mtimeMs, read: copy === null ? null : digest(copy) };
      if (copy === null) continue;
      const add: Promise<void> = index
        .addHTMLFile({ url: pageUrl(file), content: copy })
        .then((added) => {
          if (added.errors.length > 0) fail(`could not index ${file}`, added.errors);
        })
        .catch((error: unknown) => {
          failure ??= error;
        })
        .finally(() => adding.delete(add));
      adding.add(add);
      pageCount += 1;
      if (adding.size >= PAGES_IN_FLIGHT) await Promise.race(adding);
      if (failure !== undefined) throw failure;
    }
    await Promise.all(adding);
    if (failure !== undefined) throw failure;
    if (pageCount === 0) fail("no page has data-pagefind-body", ["nothing to search"]);
    // An earlier index's files are named by their content: left in place, they would be deployed unused.
    await rm(join(root, SEARCH_BUNDLE_DIR), { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: join(root, SEARCH_BUNDLE_DIR) });
    if (written.errors.length > 0) fail("could not write the index", written.errors);
    await removeUnusedUi(join(root, SEARCH_BUNDLE_DIR));
    await mkdir(dirname(RECORD_FILE), { recursive: true });
    await writeFile(RECORD_FILE, JSON.stringify(record));
    return pageCount;
  } finally {
    // The service is a child process; left running it would keep the build from exiting.
    await close();
  }
}

/**
 * `node src/build/search-index.ts [dist]`: the last step of `npm run build`, in a process of its
 * own once Astro's has ended, so that Pagefind's process never runs beside the build's largest
 * moment. `dist` is the built site (by default this project's dist/).
 */
if (import.meta.main) {
  const root = process.argv[2]
    ? resolve(process.argv[2])
    : fileURLToPath(new URL("../../dist/", import.meta.url));
  const started = performance.now();
  try {
    const indexed = await writeSearchIndex(root);
    const ms = Math.round(performance.now() - started);
    console.log(
      indexed === undefined
        ? `[search-index] search index kept: every page reads as when it was written (${ms} ms)`
        : `[search-index] search index written, ${indexed} pages read (${ms} ms)`,
    );
  } catch (error) {
    console.error(`[search-index] ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
