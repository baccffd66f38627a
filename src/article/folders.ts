import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { HEADING_ID_PATTERN } from "./heading-ids.ts";

/** Where articles live, from the project root: one folder per article, named by its URL slug. */
export const ARTICLES_DIR = "./content/articles";

/** The tags articles may use, each with the slug of its page (`/tags/<slug>/`); from the project root. */
export const TAGS_FILE = "./content/tags.yaml";

/**
 * A project file's path on disk: `relative` (as the owner reads it in messages) from the project
 * root — Astro's `root` in the build, the CLIs' own folder's parent — never from the working directory.
 */
export function projectPath(root: URL, relative: string): string {
  return fileURLToPath(new URL(relative, root));
}

/** The folder of an article's pictures, beside its lead and sections: `<article>/images/`. */
export const IMAGES_FOLDER = "images";

/** The picture files an article may hold (what the build can turn into AVIF and WebP). */
export const IMAGE_EXTENSIONS = ["png", "jpg", "jpeg", "webp", "avif"] as const;

const isImageFile = (name: string) =>
  (IMAGE_EXTENSIONS as readonly string[]).includes(name.split(".").at(-1)?.toLowerCase() ?? "");

/** An article folder's name is its URL slug (`/<article>/`): a short lowercase ASCII word. */
export const ARTICLE_SLUG_PATTERN = HEADING_ID_PATTERN;
/** The longest article folder name or section slug: short enough to read in a pasted link. */
export const SLUG_MAX_LENGTH = 32;

/**
 * Top-level paths the site itself uses; an article folder with one of these names would collide
 * with them (`/og/` holds the share cards, `/og/index.png` is the home page's card).
 */
export const RESERVED_ARTICLE_SLUGS = [
  "og",
  "index",
  "feed",
  "search",
  "tags",
  "favicon",
  "apple-touch-icon",
  "robots",
  "page",
] as const;

/** The article folder of a content entry path relative to `ARTICLES_DIR`: `<article>/lead.mdx` → `<article>`. */
export function entryArticle(entry: string): string {
  return entry.split("/")[0] ?? entry;
}

/** What is wrong with an article folder name, or undefined when it is a valid slug. */
export function checkArticleSlug(name: string): string | undefined {
  if (!ARTICLE_SLUG_PATTERN.test(name)) {
    return `フォルダ名「${name}」は記事の URL になります。英小文字で始まり、英小文字・数字・ハイフンだけにしてください（例: workplace-greetings）。`;
  }
  if (name.length > SLUG_MAX_LENGTH) {
    return `フォルダ名「${name}」は${SLUG_MAX_LENGTH}文字以内にしてください（記事の URL になります）。`;
  }
  if ((RESERVED_ARTICLE_SLUGS as readonly string[]).includes(name)) {
    return `フォルダ名「${name}」はサイトが使う URL と重なります。使えない名前: ${RESERVED_ARTICLE_SLUGS.join(", ")}`;
  }
  return undefined;
}

/** What a file or folder that is not part of an article is, and what to do with it. */
function strayEntryProblem(path: string, name: string, isDirectory: boolean): string {
  if (isDirectory && name === "section")
    return `${path}: 節のフォルダの名前は sections です（最後の s が抜けています）。フォルダ名を sections に変えてください。`;
  if (!isDirectory && name.endsWith(".md"))
    return `${path}: 記事のファイルの拡張子は .mdx です。${name}x のように名前を変えてください。`;
  return `${path}: 記事には使われないため、公開されません。記事のフォルダには lead.mdx と sections/ の節（*.mdx）と images/ の画像（${IMAGE_EXTENSIONS.join(", ")}）だけを置いてください。要らなければ消し、別の場所に移してください。`;
}

/** Hidden files (`.DS_Store`, editor swap files) are the system's, not the author's: they are left alone. */
const isHidden = (name: string) => name.startsWith(".");

/**
 * Checks the shape of every article folder under `dir` (named `shownAs` in messages) before any content is read: a valid
 * folder name, a `lead.mdx`, at least one section in `sections/`, pictures in `images/`, and nothing else that an author
 * might expect to be published (a `section/` folder, a `.md` file, a stray file), which the build
 * would otherwise skip without a word. Each problem names the file or folder and how to fix it.
 */
export function articleFolderProblems(dir: string, shownAs = dir): string[] {
  if (!existsSync(dir)) return [`${shownAs} がありません。記事ごとのフォルダをここに置いてください。`];
  const problems: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (isHidden(entry.name)) continue;
    const onDisk = join(dir, entry.name);
    const folder = join(shownAs, entry.name);
    if (!entry.isDirectory()) {
      problems.push(
        `${folder}: content/articles/ には記事ごとのフォルダだけを置きます。このファイルは記事のフォルダの中に移すか、消してください。`,
      );
      continue;
    }
    const nameProblem = checkArticleSlug(entry.name);
    if (nameProblem) problems.push(`${folder}: ${nameProblem}`);
    if (!existsSync(join(onDisk, "lead.mdx"))) {
      problems.push(
        `${folder}: lead.mdx がありません。記事のタイトルなどを書いた lead.mdx を置いてください。`,
      );
    }
    for (const inner of readdirSync(onDisk, { withFileTypes: true })) {
      const known = inner.isDirectory()
        ? inner.name === "sections" || inner.name === IMAGES_FOLDER
        : inner.name === "lead.mdx";
      if (!known && !isHidden(inner.name))
        problems.push(strayEntryProblem(join(folder, inner.name), inner.name, inner.isDirectory()));
    }
    const sectionsDir = join(onDisk, "sections");
    const sectionEntries = existsSync(sectionsDir) ? readdirSync(sectionsDir, { withFileTypes: true }) : [];
    for (const inner of sectionEntries) {
      if (isHidden(inner.name) || (inner.isFile() && inner.name.endsWith(".mdx"))) continue;
      problems.push(strayEntryProblem(join(folder, "sections", inner.name), inner.name, inner.isDirectory()));
    }
    const imagesDir = join(onDisk, IMAGES_FOLDER);
    for (const inner of existsSync(imagesDir) ? readdirSync(imagesDir, { withFileTypes: true }) : []) {
      if (isHidden(inner.name) || (inner.isFile() && isImageFile(inner.name))) continue;
      problems.push(
        strayEntryProblem(join(folder, IMAGES_FOLDER, inner.name), inner.name, inner.isDirectory()),
      );
    }
    if (!sectionEntries.some((inner) => inner.isFile() && inner.name.endsWith(".mdx"))) {
      problems.push(
        `${folder}: 節がありません。sections/ に 01-<slug>.mdx のような節のファイルを1つ以上置いてください。`,
      );
    }
  }
  return problems;
}
