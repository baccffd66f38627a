import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { HEADING_ID_PATTERN } from "./heading-ids";

/** Where articles live: one folder per article, named by its URL slug. */
export const ARTICLES_DIR = "./content/articles";

/** The tags articles may use, each with the slug of its page (`/tags/<slug>/`). */
export const TAGS_FILE = "./content/tags.yaml";

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

/**
 * Checks the shape of every article folder under `dir` before any content is read: a valid
 * folder name, a `lead.mdx`, and at least one section in `sections/`. Each problem names the folder.
 */
export function articleFolderProblems(dir: string): string[] {
  if (!existsSync(dir)) return [`${dir} がありません。記事ごとのフォルダをここに置いてください。`];
  const problems: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const folder = join(dir, entry.name);
    const nameProblem = checkArticleSlug(entry.name);
    if (nameProblem) problems.push(`${folder}: ${nameProblem}`);
    if (!existsSync(join(folder, "lead.mdx"))) {
      problems.push(
        `${folder}: lead.mdx がありません。記事のタイトルなどを書いた lead.mdx を置いてください。`,
      );
    }
    const sectionsDir = join(folder, "sections");
    const sections = existsSync(sectionsDir)
      ? readdirSync(sectionsDir).filter((file) => file.endsWith(".mdx"))
      : [];
    if (sections.length === 0) {
      problems.push(
        `${folder}: 節がありません。sections/ に 01-<slug>.mdx のような節のファイルを1つ以上置いてください。`,
      );
    }
  }
  return problems;
}
