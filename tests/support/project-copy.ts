import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";

export const PROJECT_ROOT = resolve(import.meta.dirname, "../..");

/**
 * Articles written for the tests (a second published article and a draft), added to the test
 * builds only: every guarantee is checked on more than one article, and the draft must not appear.
 */
export const FIXTURE_ARTICLES_DIR = resolve(PROJECT_ROOT, "tests/fixtures/articles");

/**
 * What a build of the site reads besides node_modules; `.gitignore` too, so Tailwind's source
 * scan skips the same files (a copy's own dist/ above all) as in the project.
 */
const PROJECT_FILES = [
  "src",
  "public",
  "content",
  "astro.config.mjs",
  "tsconfig.json",
  "package.json",
  ".gitignore",
];

export interface CopyOptions {
  /**
   * Also keep `node_modules/.cache` (the share-card cache) to the copy. Tests share it, since a
   * card's file name is its content hash; a build measured cold must start without it.
   */
  privateCardCache?: boolean;
}

/**
 * Copies the project's sources into `dir` for a build of its own (with other content laid over
 * it). The copy gets its own `node_modules/.astro` and `.vite` (content store and caches):
 * `node_modules` is a folder of links to each package rather than one link, so parallel builds of
 * different content, and the project's own build, never share one store.
 */
export function copyProject(dir: string, { privateCardCache = false }: CopyOptions = {}): void {
  for (const file of PROJECT_FILES) {
    if (existsSync(join(PROJECT_ROOT, file)))
      cpSync(join(PROJECT_ROOT, file), join(dir, file), { recursive: true });
  }
  const packagesDir = join(PROJECT_ROOT, "node_modules");
  mkdirSync(join(dir, "node_modules"));
  for (const entry of readdirSync(packagesDir)) {
    if (entry === ".astro" || entry.startsWith(".vite")) continue;
    if (privateCardCache && entry === ".cache") continue;
    symlinkSync(join(packagesDir, entry), join(dir, "node_modules", entry));
  }
}

/** The environment of `npm run build` in a terminal: Vitest's own variables would change the build mode. */
export function buildEnvironment(): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([name]) => name !== "NODE_ENV" && !name.startsWith("VITEST") && name !== "TEST",
  );
  return {
    ...Object.fromEntries(inherited),
    ASTRO_TELEMETRY_DISABLED: "1",
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  };
}
