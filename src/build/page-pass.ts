/**
 * The post-build pass over the built pages (post-build.ts runs it): each page is read once, goes
 * through `PAGE_STEPS` in order and is written once, unless the policy cache knows it. It runs in
 * a worker thread of its own (page-pass-worker.ts), so the garbage of reading every page is
 * collected in a small heap, not beside all that Astro's process still holds.
 */
import { createHash, type Hash } from "node:crypto";
import { readFileSync, statSync, writeFileSync, type Stats } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Parser } from "htmlparser2";
import { cspHash, policyForInlined, withoutNoneBesideSources, type PagePolicy } from "./security-headers.ts";

/** One built HTML page as the steps see it: they read and replace `html`. */
export interface BuiltPage {
  readonly file: string;
  /** Site path: `/`, `/<article>/`, `/404.html`. */
  readonly path: string;
  html: string;
}

/** What a step reports for the build log, summed over all pages. */
export interface StepTotals {
  ms: number;
  before: number;
  after: number;
}

export interface PageStep {
  name: string;
  /** Changes `page.html` in place; may add to `totals.before`/`after` for the log. */
  run(page: BuiltPage, totals: StepTotals): void;
}

const CSP_META = /(<meta http-equiv="content-security-policy" content=")([^"]*)(")/;

/** A page's CSP from its <meta>, with the quotes Astro writes as `&#39;` decoded. */
export function pagePolicy(html: string): string | undefined {
  const content = CSP_META.exec(html)?.[2]?.replaceAll("&#39;", "'");
  // A copy of its own: V8 keeps a substring as a slice of `html`, and the pass keeps every page's
  // policy, which would keep every page's text in memory with it.
  return content === undefined ? undefined : Buffer.from(content).toString();
}
/** Script types a browser runs, so the CSP must allow them (JSON-LD is data, never run). */
const EXECUTABLE_TYPE = /^(?:|module|text\/javascript|application\/javascript)$/i;

/** A hash as a CSP source: quoted. */
const sha256 = (text: string) => `'${cspHash(text)}'`;

/**
 * The inline scripts (that run) and styles of a page, by their text, as a browser parses them. A
 * streaming parser, not a document: the build reads every page, and a tree per page is garbage
 * that peak memory pays for.
 */
export function inlineCode(html: string): { scripts: string[]; styles: string[] } {
  const code = { scripts: [] as string[], styles: [] as string[] };
  let open: { list: string[]; tag: string; text: string } | undefined;
  const parser = new Parser({
    onopentag(tag, attributes) {
      if (tag === "style") open = { list: code.styles, tag, text: "" };
      else if (
        tag === "script" &&
        attributes["src"] === undefined &&
        EXECUTABLE_TYPE.test(attributes["type"] ?? "")
      )
        open = { list: code.scripts, tag, text: "" };
    },
    ontext(text) {
      if (open) open.text += text;
    },
    onclosetag(tag) {
      if (open?.tag !== tag) return;
      open.list.push(open.text);
      open = undefined;
    },
  });
  parser.end(html);
  return code;
}

/**
 * The steps every built page goes through, in order. Each later step sees what the earlier ones
 * wrote: the policy is rewritten last, from the page's final inline code.
 */
export const PAGE_STEPS: readonly PageStep[] = [
  {
    // security-headers.ts: Astro lists hashes for inline code of every kind; keep this page's only.
    name: "CSP allows only this page's inline code",
    run(page) {
      const policy = pagePolicy(page.html);
      if (policy === undefined)
        throw new Error(`${page.file}: no Content-Security-Policy <meta>; is security.csp on?`);
      const { scripts, styles } = inlineCode(page.html);
      page.html = withPolicy(
        page.html,
        withoutNoneBesideSources(
          policyForInlined(policy, { scripts: scripts.map(sha256), styles: styles.map(sha256) }),
        ),
      );
    },
  },
];

/** `html` with `policy` as its CSP <meta>'s content (its quotes as they are: the attribute is in double quotes). */
function withPolicy(html: string, policy: string): string {
  return html.replace(
    CSP_META,
    (_match, start: string, _old: string, end: string) => `${start}${policy}${end}`,
  );
}

/**
 * The final policy of each page, by a digest of the code of these steps and of the page: of its
 * content, both as Astro wrote it and as these steps left it, and of its file's path, size and
 * modification time once these steps are done with it. Astro restores an unchanged page from its
 * cache as it rendered it, or leaves it in dist/ as this pass wrote it: the first needs no parsing,
 * the second not even reading. It holds only what this build saw, in Astro's cache folder
 * (node_modules/.astro/; deleting it is always safe). The steps change nothing but the policy:
 * `set` checks it, so a step that does more cannot be skipped wrongly.
 */
class PolicyCache {
  hits = 0;
  readonly #next = new Map<string, string>();
  private readonly previous: ReadonlyMap<string, string>;
  private readonly code: Hash;

  private constructor(previous: ReadonlyMap<string, string>, code: string) {
    this.previous = previous;
    this.code = createHash("sha256").update(code);
  }

  /** The cache of `file` for pages that go through `steps`. */
  static async load(file: string | undefined, steps: readonly PageStep[]): Promise<PolicyCache> {
    const entries = file
      ? await readFile(file, "utf8")
          .then((text) => Object.entries(JSON.parse(text) as Record<string, string>))
          .catch(() => [])
      : [];
    const code = [STEPS_CODE, ...steps.map((step) => `${step.name}\n${step.run.toString()}`)].join("\n");
    return new PolicyCache(new Map(entries), code);
  }

  #key(html: string): string {
    return this.code.copy().update(html).digest("base64url");
  }

  /** A key no page's content has: HTML never starts with a NUL. */
  #fileKey(path: string, file: Stats): string {
    return this.#key(`\0${path}\0${file.size}\0${file.mtimeMs}`);
  }

  #hit(key: string): string | undefined {
    const policy = this.previous.get(key);
    if (policy === undefined) return undefined;
    this.hits += 1;
    this.#next.set(key, policy);
    return policy;
  }

  get(html: string): string | undefined {
    return this.#hit(this.#key(html));
  }

  /** The policy of the page at site path `path` if its file is as this pass last left it. */
  getFile(path: string, file: Stats): string | undefined {
    return this.#hit(this.#fileKey(path, file));
  }

  set(raw: string, processed: string): void {
    const policy = pagePolicy(processed);
    if (policy === undefined || withPolicy(raw, policy) !== processed)
      throw new Error(
        "A post-build step changed more than the page's policy: PolicyCache cannot stand for it.",
      );
    this.#next.set(this.#key(raw), policy);
    this.#next.set(this.#key(processed), policy);
  }

  setFile(path: string, file: Stats, policy: string): void {
    this.#next.set(this.#fileKey(path, file), policy);
  }

  async save(file: string | undefined): Promise<void> {
    if (!file) return;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(Object.fromEntries(this.#next)));
  }
}

/** The source of the steps and of what they call: a change to either makes every cached policy stale. */
const STEPS_CODE = [import.meta.url, new URL("./security-headers.ts", import.meta.url).href]
  .map((url) => {
    try {
      return readFileSync(fileURLToPath(url), "utf8");
    } catch {
      return `${url} ${Date.now()}`;
    }
  })
  .join("\n");

/** Every built HTML file under `dir`, as absolute paths. */
async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** `/x/index.html` → `/x/`; other files keep their name. */
function sitePath(root: string, file: string): string {
  const path = `/${relative(root, file).split(sep).join("/")}`;
  return path.endsWith("/index.html") ? path.slice(0, -"index.html".length) : path;
}

/** What the pass reports: each page's final policy, the steps' totals and the cache's hits. */
export interface PassResult {
  pages: PagePolicy[];
  totals: StepTotals[];
  hits: number;
}

/**
 * Runs every built page under `root` through `PAGE_STEPS`, or takes its policy from the cache kept
 * in `cacheFile` (none: no cache), and writes back each page whose policy changed.
 */
export async function passPages(root: string, cacheFile: string | undefined): Promise<PassResult> {
  const steps = PAGE_STEPS;
  const totals = steps.map((): StepTotals => ({ ms: 0, before: 0, after: 0 }));
  const pages: PagePolicy[] = [];
  const cache = await PolicyCache.load(cacheFile, steps);
  for (const file of await htmlFiles(root)) {
    const path = sitePath(root, file);
    const unchanged = cache.getFile(path, statSync(file));
    if (unchanged !== undefined) {
      pages.push({ path, policy: unchanged });
      continue;
    }
    const page: BuiltPage = { file, path, html: readFileSync(file, "utf8") };
    const written = page.html;
    const known = cache.get(page.html);
    if (known === undefined) {
      steps.forEach((step, index) => {
        const started = performance.now();
        const stepTotals = totals[index] as StepTotals;
        step.run(page, stepTotals);
        stepTotals.ms += performance.now() - started;
      });
      cache.set(written, page.html);
    } else page.html = withPolicy(page.html, known);
    if (page.html !== written) writeFileSync(file, page.html);
    const policy = pagePolicy(page.html);
    if (!policy) throw new Error(`${file}: no Content-Security-Policy <meta>; is security.csp on?`);
    cache.setFile(path, statSync(file), policy);
    pages.push({ path, policy });
  }
  await cache.save(cacheFile);
  return { pages, totals, hits: cache.hits };
}
