import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** What the copy needs to build; `.gitignore` too, so Tailwind skips the same files it skips here. */
const COPIED = [
  "src",
  "public",
  "content",
  "astro.config.mjs",
  "tsconfig.json",
  "package.json",
  ".gitignore",
];

/**
 * Caches that tools keep inside node_modules (Astro's content data store in `.astro`, Vite's
 * in `.vite`, …). The copy links every package but keeps these to itself: shared, a synthetic
 * build would overwrite the real project's data store while others build it.
 */
const PRIVATE_CACHES = new Set([".astro", ".vite", ".vite-temp", ".cache", ".vitest-cache"]);

/** `order` must be 1–99 (src/content.config.ts), so no article can have more sections than this. */
export const MAX_SECTIONS = 99;
const TITLE_MAX = 40;
const SHORT_TITLE_MAX = 20;

interface SectionFile {
  name: string;
  text: string;
  order: number;
  slug: string;
}

function frontmatterValue(text: string, key: string, file: string): string {
  const value = new RegExp(`^${key}:\\s*(.+)$`, "m").exec(text)?.[1]?.trim();
  if (value === undefined) throw new Error(`${file} has no "${key}" in its frontmatter.`);
  return value;
}

function withFrontmatterValue(text: string, key: string, value: string | number): string {
  return text.replace(new RegExp(`^${key}:.*$`, "m"), `${key}: ${value}`);
}

/** Appends a copy number while keeping the field within its schema length. */
function numbered(value: string, copy: number, maxLength: number): string {
  const suffix = `（${copy}）`;
  return value.slice(0, maxLength - suffix.length) + suffix;
}

/**
 * A copy of `source` as a new section: unique order and slug, numbered titles, and every
 * `{#id}` suffixed, because heading ids must be unique across the whole article.
 */
function generatedSection(source: SectionFile, copy: number, order: number): string {
  const title = frontmatterValue(source.text, "title", source.name);
  const shortTitle = frontmatterValue(source.text, "shortTitle", source.name);
  let text = withFrontmatterValue(source.text, "order", order);
  text = withFrontmatterValue(text, "slug", `${source.slug}-${copy}`);
  text = withFrontmatterValue(text, "title", numbered(title, copy, TITLE_MAX));
  text = withFrontmatterValue(text, "shortTitle", numbered(shortTitle, copy, SHORT_TITLE_MAX));
  return text.replace(/\{#([a-z][a-z0-9-]*)\}/g, `{#$1-${copy}}`);
}

async function readSections(sectionsDir: string): Promise<SectionFile[]> {
  const names = (await readdir(sectionsDir)).filter((name) => name.endsWith(".mdx")).sort();
  return Promise.all(
    names.map(async (name) => {
      const text = await readFile(join(sectionsDir, name), "utf8");
      return {
        name,
        text,
        order: Number(frontmatterValue(text, "order", name)),
        slug: frontmatterValue(text, "slug", name),
      };
    }),
  );
}

/** A node_modules of links to the project's packages, without the tools' caches. */
async function linkNodeModules(projectRoot: string, copyRoot: string): Promise<void> {
  const source = join(projectRoot, "node_modules");
  const target = join(copyRoot, "node_modules");
  await mkdir(target);
  for (const entry of await readdir(source)) {
    if (PRIVATE_CACHES.has(entry)) continue;
    await symlink(join(source, entry), join(target, entry));
  }
}

export interface ScaledProject {
  dir: string;
  factor: number;
  /** Sections asked for: the project's count times `factor`. */
  requestedSections: number;
  /** Sections written; fewer than asked when the `order` range (1–99) ran out. */
  sections: number;
  remove: () => Promise<void>;
}

/**
 * Copies the project to a temporary directory with `factor` times as many sections, made from the
 * existing ones. The last section (まとめ) stays last: it moves to order 99 and the copies take
 * the orders after the originals, so the article still ends with its summary.
 */
export async function scaledProject(projectRoot: string, factor: number): Promise<ScaledProject> {
  const dir = await mkdtemp(join(tmpdir(), `bench-scale-${factor}x-`));
  for (const entry of COPIED) {
    await cp(join(projectRoot, entry), join(dir, entry), { recursive: true });
  }
  await linkNodeModules(projectRoot, dir);

  const sectionsDir = join(dir, "content/sections");
  const originals = (await readSections(sectionsDir)).sort((a, b) => a.order - b.order);
  const last = originals.at(-1);
  if (!last) throw new Error("content/sections/ has no sections to scale.");
  const body = originals.slice(0, -1);
  const requestedSections = originals.length * factor;
  const sections = Math.min(requestedSections, MAX_SECTIONS);

  if (sections > originals.length) {
    await writeFile(join(sectionsDir, last.name), withFrontmatterValue(last.text, "order", MAX_SECTIONS));
    const firstFreeOrder = Math.max(...body.map((section) => section.order)) + 1;
    const copies = sections - originals.length;
    if (firstFreeOrder + copies > MAX_SECTIONS) {
      throw new Error(`Not enough free orders below ${MAX_SECTIONS} for ${copies} generated sections.`);
    }
    for (let copy = 1; copy <= copies; copy++) {
      const source = body[(copy - 1) % body.length];
      if (!source) throw new Error("No section to copy besides the last one.");
      const name = `${String(firstFreeOrder + copy - 1).padStart(2, "0")}-${source.slug}-${copy}.mdx`;
      await writeFile(join(sectionsDir, name), generatedSection(source, copy, firstFreeOrder + copy - 1));
    }
  }
  return {
    dir,
    factor,
    requestedSections,
    sections,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
