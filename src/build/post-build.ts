import type { AstroIntegration } from "astro";
import { createHash, type Hash } from "node:crypto";
import { readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync, type Stats } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Parser } from "htmlparser2";
import { headersFile, HOST_CONFIGS } from "./host-configs";
import { SEARCH_BUNDLE_DIR } from "./search-index";
import {
  cspHash,
  siteHeaderRules,
  policyForInlined,
  withoutNoneBesideSources,
  type PagePolicy,
} from "./security-headers";

/** One built HTML page as the steps see it: they read and replace `html`. */
export interface BuiltPage {
  readonly file: string;
  /** Site path: `/`, `/<article>/`, `/404.html`. */
  readonly path: string;
  html: string;
}

/** What a step reports for the build log, summed over all pages. */
interface StepTotals {
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
  return CSP_META.exec(html)?.[2]?.replaceAll("&#39;", "'");
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

/**
 * Where the configurations of hosts that do not read `_headers` are written (nginx, Caddy, Vercel,
 * Firebase): a folder beside the output folder (dist/ → hosting/), so they are never served.
 */
export const HOSTING_FOLDER = "hosting/";

/**
 * Vercel and Firebase read their file from the project's root, where the owner copies it from
 * hosting/. Its policy names the hashes of the site's inline code, so a copy made before the code
 * changed would block the stylesheet on that host: the build stops instead.
 */
async function assertRootCopiesCurrent(root: string, rules: ReturnType<typeof siteHeaderRules>) {
  for (const name of ROOT_HOST_FILES) {
    const copy = await readFile(join(root, name), "utf8").catch(() => undefined);
    const current = HOST_CONFIGS[name]?.(rules);
    if (copy !== undefined && copy !== current)
      throw new Error(
        `プロジェクト直下の ${name} が、今のサイトのコードと合っていません（セキュリティヘッダーが古いままです）。` +
          `\n  cp ${HOSTING_FOLDER}${name} ${name}\nでコピーし直してから、もう一度ビルドしてください。`,
      );
  }
}

/** The host files the owner copies to the project's root (README, 公開する). */
const ROOT_HOST_FILES = ["vercel.json", "firebase.json"] as const;

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

/**
 * Removes what earlier builds left in dist/ and this one neither wrote nor kept: the pages of a
 * removed article, bundles and pictures under old names. Astro leaves
 * dist/ in place between builds (`emptyOutDir: false` in astro.config.mjs) so that a page its
 * incremental build reuses stays where it is instead of being copied back from its cache. A file
 * is left over when it is not one of the pages and files of this build's routes (`outputs`, which
 * include the pages Astro kept) and was last written before the build began (`started`). The
 * search index is search-index.ts's to keep or replace, after Astro has ended.
 */
function removeLeftovers(root: string, outputs: ReadonlySet<string>, started: number): number {
  let removed = 0;
  const emptied = new Set<string>();
  const searchIndex = join(root, SEARCH_BUNDLE_DIR, sep);
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    if (outputs.has(file) || file.startsWith(searchIndex) || statSync(file).mtimeMs >= started) continue;
    rmSync(file);
    removed += 1;
    emptied.add(entry.parentPath);
  }
  // Deepest first, so that a folder left with only empty folders goes too.
  for (const dir of [...emptied].sort((a, b) => b.length - a.length))
    for (let up = dir; up.startsWith(`${root}${sep}`) && readdirSync(up).length === 0; up = dirname(up))
      rmdirSync(up);
  return removed;
}

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

/**
 * The one post-build integration: each built page is read once, goes through `PAGE_STEPS` in order
 * and is written once; then `_headers` is written from the pages' final policies (the hashes are
 * only known once the pages are rendered, so it cannot be written by hand in public/). The search
 * index is written after Astro has ended (search-index.ts, the last step of `npm run build`).
 */
export function postBuild(steps: readonly PageStep[] = PAGE_STEPS): AstroIntegration {
  let hostingDir: string | undefined;
  let projectRoot: string | undefined;
  let cacheFile: string | undefined;
  let buildStarted = 0;
  return {
    name: "post-build",
    hooks: {
      "astro:config:done": ({ config }) => {
        hostingDir = fileURLToPath(new URL(`../${HOSTING_FOLDER}`, config.outDir));
        projectRoot = fileURLToPath(config.root);
        cacheFile = fileURLToPath(new URL("post-build-policies.json", config.cacheDir));
      },
      "astro:build:start": () => {
        buildStarted = Date.now();
      },
      "astro:build:done": async ({ dir, assets, logger }) => {
        const root = fileURLToPath(dir);
        const outputs = new Set([...assets.values()].flat().map((url) => fileURLToPath(url)));
        const removed = removeLeftovers(root, outputs, buildStarted);
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
        const rules = siteHeaderRules(pages);
        await writeFile(join(root, "_headers"), headersFile(rules));
        if (hostingDir) {
          await mkdir(hostingDir, { recursive: true });
          for (const [name, render] of Object.entries(HOST_CONFIGS))
            await writeFile(join(hostingDir, name), render(rules));
        }
        if (projectRoot) await assertRootCopiesCurrent(projectRoot, rules);
        steps.forEach((step, index) => {
          const { ms, before, after } = totals[index] as StepTotals;
          const bytes = before > 0 ? `: ${before} → ${after}` : "";
          logger.info(`${step.name}${bytes} on ${pages.length} pages (${Math.round(ms)} ms)`);
        });
        logger.info(`${cache.hits} of ${pages.length} pages unchanged since a build before (policy cache)`);
        logger.info(`${removed} files left from earlier builds removed`);
        logger.info(
          `_headers and ${HOSTING_FOLDER} written: ${rules.length} header rules for ${pages.length} pages`,
        );
      },
    },
  };
}
