/**
 * What the test projects' global set-ups share (tests/vitest.config.ts): the content layer
 * synced and the test site built, each once per run, and the values the set-ups provide to tests.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { EngineTargets } from "../engines.ts";
import {
  buildEnvironment,
  copyProject,
  FIXTURE_ARTICLES_DIR,
  PROJECT_ROOT,
  setFixtureAuthor,
} from "../project-copy.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The site built for these tests: the published content plus the fixture articles. */
    distDir: string;
    /** Where `distDir` is served, e.g. `http://127.0.0.1:41234`. */
    baseUrl: string;
    chromiumPath: string;
    /** What tests/support/engines.ts needs to start Chromium, WebKit and Firefox. */
    engineTargets: EngineTargets;
    /** The real servers and openssl of the host tests (tests/support/hosts.ts). */
    hostPrograms: { nginx: string; caddy: string; openssl: string };
  }
}

/**
 * The Observatory reads Chromium's HSTS preload list from a file its postinstall downloads, which
 * is denied here (allowScripts: it needs the network). The list says nothing about 127.0.0.1, so
 * an empty one grades the test servers exactly as the downloaded one would.
 */
export function writeObservatoryPreloadList() {
  const list = resolve(PROJECT_ROOT, "node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json");
  if (!existsSync(list)) writeFileSync(list, "{}\n");
}

export const TEST_DIST_DIR = resolve(PROJECT_ROOT, "tests/.output/dist");
/** Where that build writes the other hosts' files: beside its output folder (post-build.ts). */
export const TEST_HOSTING_DIR = resolve(PROJECT_ROOT, "tests/.output/hosting");

function astro(cwd: string, ...args: string[]) {
  const cli = resolve(cwd, "node_modules/astro/bin/astro.mjs");
  execFileSync(process.execPath, [cli, ...args], {
    cwd,
    stdio: ["ignore", "ignore", "inherit"],
    env: buildEnvironment(),
  });
}

/**
 * Work that several projects' set-ups need, done once per test run however many of them ask
 * (Vitest runs every project's global set-up in this one process).
 */
function once<T>(key: string, work: () => T): T {
  const done = globalThis as unknown as Record<string, T | undefined>;
  done[key] ??= work();
  return done[key];
}

/**
 * Syncs the content layer and exposes its data store to Vitest (which runs Astro's Vite plugins in
 * dev mode and reads `.astro/data-store.json`): what rendering components needs.
 */
export function syncContent(): void {
  once("testContentSynced", () => {
    astro(PROJECT_ROOT, "sync");
    const store = resolve(PROJECT_ROOT, "node_modules/.astro/data-store.json");
    if (!existsSync(store)) throw new Error(`astro sync wrote no data store at ${store}`);
    mkdirSync(resolve(PROJECT_ROOT, ".astro"), { recursive: true });
    copyFileSync(store, resolve(PROJECT_ROOT, ".astro/data-store.json"));
    return true;
  });
}

/**
 * Builds a copy of the project with the fixture articles and author (project-copy.ts) added, into
 * a folder of its own (TEST_DIST_DIR), once per run: the build tests read it, the browser tests
 * serve it.
 */
export function buildTestSite(): string {
  return once("testSiteBuilt", () => {
    syncContent();
    const copyDir = mkdtempSync(join(tmpdir(), "test-site-"));
    try {
      copyProject(copyDir);
      cpSync(FIXTURE_ARTICLES_DIR, join(copyDir, "content/articles"), { recursive: true });
      setFixtureAuthor(copyDir);
      rmSync(TEST_DIST_DIR, { recursive: true, force: true });
      rmSync(TEST_HOSTING_DIR, { recursive: true, force: true });
      mkdirSync(dirname(TEST_DIST_DIR), { recursive: true });
      astro(copyDir, "build", "--outDir", TEST_DIST_DIR);
      // The search index, as the last step of `npm run build` writes it.
      execFileSync(process.execPath, [resolve(copyDir, "src/build/search-index.ts"), TEST_DIST_DIR], {
        cwd: copyDir,
        stdio: ["ignore", "ignore", "inherit"],
        env: buildEnvironment(),
      });
    } finally {
      rmSync(copyDir, { recursive: true, force: true });
    }
    return TEST_DIST_DIR;
  });
}
