import type { AstroIntegration } from "astro";
import { readdirSync, rmdirSync, rmSync, statSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { headersFile, HOST_CONFIGS } from "./host-configs";
import { PAGE_STEPS, type PassResult } from "./page-pass.ts";
import { SEARCH_BUNDLE_DIR } from "./search-index";
import { siteHeaderRules } from "./security-headers";

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

/** The header rules for hosts that read a file of them (Cloudflare Pages, Netlify), in dist/. */
const HEADERS_FILE = "_headers";

/** The host files the owner copies to the project's root (README, 公開する). */
const ROOT_HOST_FILES = ["vercel.json", "firebase.json"] as const;

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

/**
 * A heap small enough that the pass's garbage is collected as it goes, rather than growing beside
 * the heap Astro's process still holds when the build is done.
 */
const PASS_HEAP_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 };

/** `passPages` (page-pass.ts) in a worker thread; its errors stop the build as its own would. */
function passInWorker(root: string, cacheFile: string | undefined): Promise<PassResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./page-pass-worker.ts", import.meta.url), {
      workerData: { root, cacheFile },
      resourceLimits: PASS_HEAP_LIMITS,
    });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the page pass stopped (exit code ${code})`)));
  });
}

/**
 * The one post-build integration: each built page is read once, goes through `PAGE_STEPS` in order
 * and is written once (page-pass.ts, in a worker thread); then `_headers` is written from the pages' final policies (the hashes are
 * only known once the pages are rendered, so it cannot be written by hand in public/). The search
 * index is written after Astro has ended (search-index.ts, the last step of `npm run build`).
 */
export function postBuild(): AstroIntegration {
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
        // What this build's routes wrote or kept, and the file this pass writes again below.
        const outputs = new Set([...assets.values()].flat().map((url) => fileURLToPath(url)));
        outputs.add(join(root, HEADERS_FILE));
        const removed = removeLeftovers(root, outputs, buildStarted);
        const { pages, totals, hits } = await passInWorker(root, cacheFile);
        const rules = siteHeaderRules(pages);
        await writeFile(join(root, HEADERS_FILE), headersFile(rules));
        if (hostingDir) {
          await mkdir(hostingDir, { recursive: true });
          for (const [name, render] of Object.entries(HOST_CONFIGS))
            await writeFile(join(hostingDir, name), render(rules));
        }
        if (projectRoot) await assertRootCopiesCurrent(projectRoot, rules);
        PAGE_STEPS.forEach((step, index) => {
          const { ms, before, after } = totals[index] ?? { ms: 0, before: 0, after: 0 };
          const bytes = before > 0 ? `: ${before} → ${after}` : "";
          logger.info(`${step.name}${bytes} on ${pages.length} pages (${Math.round(ms)} ms)`);
        });
        logger.info(`${hits} of ${pages.length} pages unchanged since a build before (policy cache)`);
        logger.info(`${removed} files left from earlier builds removed`);
        logger.info(
          `_headers and ${HOSTING_FOLDER} written: ${rules.length} header rules for ${pages.length} pages`,
        );
      },
    },
  };
}
