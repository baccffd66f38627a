import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import sharp from "sharp";
import { join } from "node:path";
import { copyProject, FIXTURE_ARTICLES_DIR } from "../../support/project-copy.ts";

/** The article every synthetic one is copied from: the site's first, with all its parts. */
export const TEMPLATE_ARTICLE = "line-koukan";
/** Site sizes of the publication run, in articles (`--articles 1,200,1000` for the long run). */
export const ARTICLE_COUNTS = [1, 200];

/**
 * Every this-many-th copy opens its first section with a picture (the test fixture's), so the
 * builds include picture processing and the table reports the pictures' bytes.
 */
export const PICTURE_EVERY = 20;
const PICTURE = join(FIXTURE_ARTICLES_DIR, "aisatsu/images/greeting-chat.png");

/** The three builds of each site size: from empty caches, again unchanged, after one edited sentence. */
export const BUILD_KINDS = ["cold", "warm", "edit"] as const;
export type BuildKind = (typeof BUILD_KINDS)[number];

/**
 * What the publication run should show on a 2-core machine (issue "Grow to 1,000 articles"): the
 * seconds of each kind of build and the peak memory, at 200 and at 1,000 articles.
 */
export const TARGETS = {
  seconds: {
    200: { cold: 60, warm: 20, edit: 25 },
    1000: { cold: 300, warm: 60, edit: 60 },
  } as Record<number, Record<BuildKind, number>>,
  peakMemoryMiB: { 200: 1024, 1000: 2048 } as Record<number, number>,
  /** The first search for 冷却期間, bytes from the tap and time from its start (issue 19). */
  search: { 200: { kib: 100, ms: 300 } } as Record<number, { kib: number; ms: number }>,
  /** `npm run check-content` over every article (issue 18). */
  checkContentSeconds: { 200: 10 } as Record<number, number>,
  /**
   * ms per page at 200 articles over 50 articles that still counts as flat: builds on a shared
   * 2-core machine vary by about ±10% from run to run.
   */
  msPerPageGrowth: 1.15,
};

/** Schema maxima (src/content.config.ts) that a numbered copy must stay within. */
const MAX_LENGTH = { title: 40, shareTitle: 70, shortTitle: 20, description: 140 } as const;

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;

/** The frontmatter of an MDX file and the rest, so edits never touch the body. */
function splitFrontmatter(text: string, file: string): { frontmatter: string; body: string } {
  const match = FRONTMATTER.exec(text);
  if (!match?.[1]) throw new Error(`${file} has no frontmatter.`);
  return { frontmatter: match[1], body: text.slice(match[0].length) };
}

function frontmatterValue(frontmatter: string, key: string, file: string): string {
  const value = new RegExp(`^${key}:[ \\t]*(.+)$`, "m").exec(frontmatter)?.[1]?.trim();
  if (value === undefined) throw new Error(`${file} has no "${key}" in its frontmatter.`);
  // A quoted value is read as JSON, which YAML's double-quoted strings are a superset of here.
  return value.startsWith('"') ? String(JSON.parse(value)) : value;
}

/** Replaces a value, written as a JSON string: valid YAML whatever characters the text holds. */
function withFrontmatterValue(frontmatter: string, key: string, value: string): string {
  return frontmatter.replace(new RegExp(`^${key}:.*$`, "m"), () => `${key}: ${JSON.stringify(value)}`);
}

/** Appends the copy's number, cutting the text where needed so it stays within `maxLength`. */
function numbered(value: string, copy: number, maxLength: number): string {
  const suffix = `（${copy}）`;
  return value.slice(0, maxLength - suffix.length) + suffix;
}

/** Every text a share card or `<title>` shows gets the copy's number, so no two pages or cards are alike. */
function numberedFields(
  text: string,
  file: string,
  copy: number,
  fields: readonly (keyof typeof MAX_LENGTH)[],
  extraLines: readonly string[] = [],
): string {
  const { frontmatter, body } = splitFrontmatter(text, file);
  let edited = frontmatter;
  for (const field of fields) {
    edited = withFrontmatterValue(
      edited,
      field,
      numbered(frontmatterValue(frontmatter, field, file), copy, MAX_LENGTH[field]),
    );
  }
  return ["---", edited, ...extraLines, "---", ""].join("\n") + body;
}

/** Copy n's folder name: `a0001` … sorts like the numbers and fits the 32-character slug limit. */
export const articleFolder = (copy: number) => `a${String(copy).padStart(4, "0")}`;

/** The file the "one section edited" build changes, and how: one sentence of its body. */
export async function editOneSentence(projectDir: string): Promise<void> {
  const file = join(projectDir, "content/articles", articleFolder(1), "sections/02-responses.mdx");
  const text = await readFile(file, "utf8");
  const { body } = splitFrontmatter(text, file);
  const sentence = body.indexOf("。");
  if (sentence === -1) throw new Error(`${file} has no sentence to edit.`);
  const at = text.length - body.length + sentence;
  await writeFile(file, `${text.slice(0, at)}（編集）${text.slice(at)}`);
}

/**
 * Dates for the lead, so the home page's newest-first order is exercised: two of three copies
 * are published, two copies share each date (ties fall back to the title), every fifth published
 * one was modified later, and the rest have no date and sort after the dated ones.
 */
function leadDates(copy: number): string[] {
  if (copy % 3 === 0) return [];
  const published = new Date(Date.UTC(2026, 0, 1 + Math.floor(copy / 2)));
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const lines = [`published: ${day(published)}`];
  if (copy % 5 === 0) lines.push(`modified: ${day(new Date(published.getTime() + 30 * 86_400_000))}`);
  return lines;
}

async function writeArticleCopy(template: string, articlesDir: string, copy: number): Promise<void> {
  const target = join(articlesDir, articleFolder(copy));
  const leadFile = join(template, "lead.mdx");
  await mkdir(join(target, "sections"), { recursive: true });
  const lead = await readFile(leadFile, "utf8");
  if (/^(published|modified|draft):/m.test(splitFrontmatter(lead, leadFile).frontmatter)) {
    throw new Error(`${leadFile}: the run sets published/modified itself and builds no drafts.`);
  }
  await writeFile(
    join(target, "lead.mdx"),
    numberedFields(lead, leadFile, copy, ["title", "shareTitle", "description"], leadDates(copy)),
  );
  const withPicture = copy % PICTURE_EVERY === 0;
  if (withPicture) {
    await mkdir(join(target, "images"));
    // A picture of its own (another hue), since the build makes one set of files per distinct picture.
    await sharp(PICTURE)
      .modulate({ hue: copy % 360 })
      .png()
      .toFile(join(target, "images/picture.png"));
  }
  const names = (await readdir(join(template, "sections"))).filter((name) => name.endsWith(".mdx")).sort();
  for (const name of names) {
    const file = join(template, "sections", name);
    const section = await readFile(file, "utf8");
    // Slugs and heading ids stay: they only need to be unique within their article.
    let text = numberedFields(section, file, copy, ["title", "shortTitle", "description"]);
    if (withPicture && name === names[0]) {
      const { frontmatter, body } = splitFrontmatter(text, file);
      text = `---\n${frontmatter}\n---\n\n![ベンチ用の挿絵（${copy}）](../images/picture.png "挿絵")\n${body}`;
    }
    await writeFile(join(target, "sections", name), text);
  }
}

export interface PublicationProject {
  dir: string;
  articles: number;
  remove: () => Promise<void>;
}

/**
 * A temporary copy of the project publishing `articles` numbered copies of the template article
 * (`a001/` …) and nothing else. Its Astro, Vite and share-card caches are its own and start
 * empty, so its first build is cold; a second build of the same copy is warm.
 */
export async function publicationProject(articles: number): Promise<PublicationProject> {
  const dir = await mkdtemp(join(tmpdir(), `bench-publication-${articles}-`));
  try {
    copyProject(dir, { privateCardCache: true });
    // The template is read from the copy, not the project: others may be editing it meanwhile.
    const articlesDir = join(dir, "content/articles");
    const template = join(dir, "template");
    await rename(join(articlesDir, TEMPLATE_ARTICLE), template);
    await rm(articlesDir, { recursive: true });
    await mkdir(articlesDir);
    for (let copy = 1; copy <= articles; copy++) await writeArticleCopy(template, articlesDir, copy);
    await rm(template, { recursive: true });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, articles, remove: () => rm(dir, { recursive: true, force: true }) };
}
