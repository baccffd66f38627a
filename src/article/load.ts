import { root } from "astro:config/server";
import { getCollection, render } from "astro:content";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { articleProblems, declaredTagProblems, leadTagProblems } from "./article-checks";
import { BODY_FACTS_KEY, type BodyFacts } from "./body-checks";
import { type ContentProblem, throwIfProblems } from "./content-error";
import { ARTICLES_DIR, articleFolderProblems, entryArticle, IMAGES_FOLDER, projectPath } from "./folders";
import { readableText, readingMinutes } from "./reading-time";
import { articlePath, tagPath } from "./urls";

/**
 * Every article as the pages use it: its lead and its sections in reading order, each with its
 * rendered content and headings. The checks across files (article-checks.ts) run here, on every
 * article before the build stops, so that one build lists every problem.
 * Drafts are read by the dev server only, so a built site never shows them anywhere.
 */
async function readArticles() {
  const folderProblems = articleFolderProblems(projectPath(root, ARTICLES_DIR), ARTICLES_DIR);
  throwIfProblems(folderProblems.map((message) => ({ message })));

  const problems: ContentProblem[] = [];
  const leads = await getCollection("leads", (entry) => import.meta.env.DEV || entry.data.draft !== true);
  // By article folder, so that each article takes its own sections without a scan of all of them.
  const sectionsByArticle = Map.groupBy(await getCollection("sections"), (entry) => entryArticle(entry.id));
  const tags = await readTags(problems);
  const articles = await Promise.all(
    leads.map(async (leadEntry) => {
      const slug = leadEntry.id;
      const file = leadEntry.filePath ?? leadEntry.id;
      const names = leadEntry.data.tags ?? [];
      problems.push(
        ...leadTagProblems(file, names, [...tags.keys()], () =>
          readFileSync(projectPath(root, file), "utf8"),
        ),
      );
      const lead = {
        ...leadEntry.data,
        tags: names.flatMap((name) => tags.get(name) ?? []),
        Content: (await render(leadEntry)).Content,
        body: leadEntry.body ?? "",
        /** The content layer's digest of the file: changes with any change to its text. */
        digest: leadEntry.digest ?? "",
      };
      const rendered = await Promise.all(
        (sectionsByArticle.get(slug) ?? []).map(async (entry) => {
          const { Content, headings, remarkPluginFrontmatter } = await render(entry);
          const facts = remarkPluginFrontmatter[BODY_FACTS_KEY] as BodyFacts;
          const characters = readableText(entry.body ?? "").length;
          return {
            ...entry.data,
            file: entry.filePath ?? entry.id,
            digest: entry.digest ?? "",
            Content,
            headings,
            checklistPoints: facts.checklistPoints,
            summaryChecklists: facts.summaryChecklists,
            characters,
            minutes: readingMinutes(characters),
          };
        }),
      );
      problems.push(...articleProblems(rendered));
      const sections = rendered.sort((a, b) => a.order - b.order);
      const totalCharacters =
        readableText(lead.body).length + sections.reduce((sum, section) => sum + section.characters, 0);
      return {
        slug,
        path: articlePath(slug),
        lead,
        sections,
        minutes: readingMinutes(totalCharacters),
        imagesDigest: imagesDigest(slug),
      };
    }),
  );
  throwIfProblems(problems);
  return articles.sort(newestFirst);
}

/**
 * A digest of the article's pictures (names and bytes): the build's page cache cannot see a
 * picture replaced under the same name, which the pages showing it must then render again.
 */
function imagesDigest(article: string): string {
  const folder = projectPath(root, join(ARTICLES_DIR, article, IMAGES_FOLDER));
  if (!existsSync(folder)) return "";
  const hash = createHash("sha256");
  for (const name of readdirSync(folder).sort()) hash.update(name).update(readFileSync(join(folder, name)));
  return hash.digest("base64url");
}

/** A tag as pages show it: its word, and the path of its page. */
export interface Tag {
  name: string;
  slug: string;
  path: string;
}

/** Every tag declared in content/tags.yaml, by its word; what is wrong with the file joins `problems`. */
async function readTags(problems: ContentProblem[]): Promise<Map<string, Tag>> {
  const entries = await getCollection("tags");
  problems.push(...declaredTagProblems(entries.map((entry) => ({ slug: entry.id, name: entry.data.name }))));
  return new Map(
    entries.map((entry) => [
      entry.data.name,
      { name: entry.data.name, slug: entry.id, path: tagPath(entry.id) },
    ]),
  );
}

/**
 * Newest first by `published`; articles without a date (not yet published) after the dated ones,
 * by title, so the order never depends on the file system.
 */
export function newestFirst(
  a: { lead: { published?: Date | undefined; title: string } },
  b: { lead: { published?: Date | undefined; title: string } },
): number {
  const aTime = a.lead.published?.getTime();
  const bTime = b.lead.published?.getTime();
  if (aTime !== undefined && bTime !== undefined && aTime !== bTime) return bTime - aTime;
  if (aTime === undefined && bTime !== undefined) return 1;
  if (aTime !== undefined && bTime === undefined) return -1;
  return JAPANESE_ORDER.compare(a.lead.title, b.lead.title);
}

/** One collator shared by every comparison: `localeCompare(…, "ja")` looks one up on each call. */
const JAPANESE_ORDER = new Intl.Collator("ja");

let cached: ReturnType<typeof readArticles> | undefined;

/**
 * Loaded once per build: every page needs the articles. The dev server reads afresh each time so
 * that edits show up.
 */
export function loadArticles(): ReturnType<typeof readArticles> {
  if (import.meta.env.DEV) return readArticles();
  cached ??= readArticles();
  return cached;
}

/**
 * The title of a section of `article`, straight from the collection (nothing is rendered): for
 * labels that name another section. Targets are validated when the articles load.
 */
export async function sectionTitle(article: string, slug: string): Promise<string | undefined> {
  const [entry] = await getCollection(
    "sections",
    (candidate) => entryArticle(candidate.id) === article && candidate.data.slug === slug,
  );
  return entry?.data.title;
}

export type Article = Awaited<ReturnType<typeof loadArticles>>[number];
export type ArticleSection = Article["sections"][number];
