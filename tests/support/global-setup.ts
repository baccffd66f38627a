import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { ensureChromium } from "./chromium.ts";
import { serveStatic } from "./static-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The site built for these tests (`astro build --outDir`). */
    distDir: string;
    /** Where `distDir` is served, e.g. `http://127.0.0.1:41234`. */
    baseUrl: string;
    chromiumPath: string;
  }
}

const root = resolve(import.meta.dirname, "../..");
export const TEST_DIST_DIR = resolve(root, "tests/.output/dist");

function astro(...args: string[]) {
  const cli = resolve(root, "node_modules/astro/bin/astro.mjs");
  execFileSync(process.execPath, [cli, ...args], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" },
  });
}

/**
 * Once per test run: sync the content layer and expose its data store to Vitest (which runs
 * Astro's Vite plugins in dev mode and reads `.astro/data-store.json`), build the site into a
 * folder of its own, serve it on 127.0.0.1, and find (or install) Chromium.
 */
export default async function setup(project: TestProject) {
  astro("sync");
  const store = resolve(root, "node_modules/.astro/data-store.json");
  if (!existsSync(store)) throw new Error(`astro sync wrote no data store at ${store}`);
  mkdirSync(resolve(root, ".astro"), { recursive: true });
  copyFileSync(store, resolve(root, ".astro/data-store.json"));

  rmSync(TEST_DIST_DIR, { recursive: true, force: true });
  mkdirSync(dirname(TEST_DIST_DIR), { recursive: true });
  astro("build", "--outDir", TEST_DIST_DIR);

  const server = await serveStatic(TEST_DIST_DIR);
  project.provide("distDir", TEST_DIST_DIR);
  project.provide("baseUrl", server.url);
  project.provide("chromiumPath", ensureChromium());
  return () => server.close();
}
