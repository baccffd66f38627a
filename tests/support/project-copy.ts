import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";

export const PROJECT_ROOT = resolve(import.meta.dirname, "../..");

/**
 * Articles written for the tests (a second published article and a draft), added to the test
 * builds only: every guarantee is checked on more than one article, and the draft must not appear.
 */
export const FIXTURE_ARTICLES_DIR = resolve(PROJECT_ROOT, "tests/fixtures/articles");

/**
 * The site settings of the test builds: the real settings with an author filled in (and an image
 * in src/site/), so that 「この記事を書いた人」 and the structured data's author are built and
 * checked; the project's own build leaves the author unset, as the site owner has.
 */
export const FIXTURE_AUTHOR = {
  type: "Person",
  name: "山田 花子",
  profile:
    "人事と社内コミュニケーションの仕事を10年続けています。職場の小さな悩みを、落ち着いて考える記事を書いています。",
  url: "https://example.jp/about/",
  urlLabel: "プロフィールを見る",
  image: "author.png",
} as const;
const FIXTURE_AUTHOR_IMAGE = resolve(PROJECT_ROOT, "tests/fixtures/site/author.png");

/** Writes FIXTURE_AUTHOR into the settings of the project copied to `dir`. */
export function setFixtureAuthor(dir: string): void {
  const file = join(dir, "src/site/settings.ts");
  const source = readFileSync(file, "utf8");
  const unset = /^(\s*)author: undefined,$/m;
  if (!unset.test(source)) throw new Error(`${file}: no "author: undefined," line to fill in for the tests`);
  writeFileSync(file, source.replace(unset, `$1author: ${JSON.stringify(FIXTURE_AUTHOR)},`));
  cpSync(FIXTURE_AUTHOR_IMAGE, join(dir, "src/site", FIXTURE_AUTHOR.image));
}

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
/**
 * What Vitest, running Astro's Vite config, puts into a test worker's environment
 * (import.meta.env's names): a build started from a test would read DEV=1 and show drafts.
 */
const VITE_ENV = new Set(["MODE", "DEV", "PROD", "SSR", "BASE_URL", "SITE", "ASSETS_PREFIX"]);

export function buildEnvironment(): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([name]) => name !== "NODE_ENV" && !name.startsWith("VITEST") && name !== "TEST" && !VITE_ENV.has(name),
  );
  return {
    ...Object.fromEntries(inherited),
    ASTRO_TELEMETRY_DISABLED: "1",
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  };
}
