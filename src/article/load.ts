import { getCollection, render } from "astro:content";
import { readFileSync } from "node:fs";
import { checklistSections } from "./content-components";
import {
  ARTICLE_SLUG_PATTERN,
  ARTICLES_DIR,
  articleFolderProblems,
  entryArticle,
  SLUG_MAX_LENGTH,
  TAGS_FILE,
} from "./folders";
import { ContentError, formatContentError } from "./heading-ids";
import { buildOutline } from "./outline";
import { readableText, readingMinutes } from "./reading-time";
import { articlePath, tagPath } from "./urls";

/**
 * Every article as the pages use it: its lead and its sections in reading order, each with its
 * rendered content and headings. Validation that spans files happens here and in `buildOutline`.
 * Drafts are read by the dev server only, so a built site never shows them anywhere.
 */
async function readArticles() {
  const folderProblems = articleFolderProblems(ARTICLES_DIR);
  if (folderProblems.length > 0) throw new ContentError(folderProblems.join("\n"));

  const leads = await getCollection("leads", (entry) => import.meta.env.DEV || entry.data.draft !== true);
  const sectionEntries = await getCollection("sections");
  const tags = await readTags();
  const articles = await Promise.all(
    leads.map(async (leadEntry) => {
      const slug = leadEntry.id;
      const lead = {
        ...leadEntry.data,
        tags: articleTags(leadEntry.filePath ?? leadEntry.id, leadEntry.data.tags ?? [], tags),
        Content: (await render(leadEntry)).Content,
        body: leadEntry.body ?? "",
        /** The content layer's digest of the file: changes with any change to its text. */
        digest: leadEntry.digest ?? "",
      };
      const rendered = await Promise.all(
        sectionEntries
          .filter((entry) => entryArticle(entry.id) === slug)
          .map(async (entry) => {
            const { Content, headings } = await render(entry);
            const characters = readableText(entry.body ?? "").length;
            return {
              ...entry.data,
              file: entry.filePath ?? entry.id,
              digest: entry.digest ?? "",
              Content,
              headings,
              characters,
              minutes: readingMinutes(characters),
            };
          }),
      );
      const sections = buildOutline(rendered);
      assertChecklists(sections);
      const totalCharacters =
        readableText(lead.body).length + sections.reduce((sum, section) => sum + section.characters, 0);
      return { slug, path: articlePath(slug), lead, sections, minutes: readingMinutes(totalCharacters) };
    }),
  );
  return articles.sort(newestFirst);
}

/** A tag as pages show it: its word, and the path of its page. */
export interface Tag {
  name: string;
  slug: string;
  path: string;
}

/** Every tag declared in content/tags.yaml, by its word; a slug that cannot be a URL stops the build. */
async function readTags(): Promise<Map<string, Tag>> {
  const entries = await getCollection("tags");
  const problems = entries
    .filter((entry) => !ARTICLE_SLUG_PATTERN.test(entry.id) || entry.id.length > SLUG_MAX_LENGTH)
    .map(
      (entry) =>
        `${TAGS_FILE}: 「${entry.id}」はタグのページの URL になります。英小文字で始まり、英小文字・数字・ハイフンだけの${SLUG_MAX_LENGTH}文字以内にしてください（例: relationships）。`,
    );
  const byName = new Map<string, Tag>();
  for (const entry of entries) {
    const earlier = byName.get(entry.data.name);
    if (earlier)
      problems.push(
        `${TAGS_FILE}: 「${entry.data.name}」が ${earlier.slug} と ${entry.id} の2か所にあります。`,
      );
    byName.set(entry.data.name, { name: entry.data.name, slug: entry.id, path: tagPath(entry.id) });
  }
  if (problems.length > 0) throw new ContentError(problems.join("\n"));
  return byName;
}

/** The declared tags a lead names, in its order; an undeclared one stops the build at its line. */
function articleTags(file: string, names: readonly string[], declared: ReadonlyMap<string, Tag>): Tag[] {
  const source = names.some((name) => !declared.has(name)) ? readFileSync(file, "utf8") : "";
  const problems = names
    .filter((name) => !declared.has(name))
    .map((name) => {
      // The tag's own line under `tags:` (a list on one line or one tag per line).
      const at = source.indexOf(name, Math.max(0, source.search(/^tags:/m)));
      const line = at < 0 ? undefined : source.slice(0, at).split("\n").length;
      return formatContentError(
        file,
        line,
        `タグ「${name}」は ${TAGS_FILE} にありません。そこに「英数字の名前:」と「name: ${name}」を書き足すか、次のどれかにしてください: ${[...declared.keys()].join("、")}`,
      );
    });
  if (problems.length > 0) throw new ContentError(problems.join("\n"));
  return names.map((name) => declared.get(name) as Tag);
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
  return a.lead.title.localeCompare(b.lead.title, "ja");
}

/**
 * An article has at most one `<SummaryChecklist>` (its ticks are stored under one key per article),
 * and every `<ChecklistPoint section="…">` names a section of its own article; else stop at the
 * file and line.
 */
function assertChecklists(sections: readonly { file: string; slug: string }[]) {
  const slugs = new Set(sections.map((section) => section.slug));
  const sources = sections.map((section) => ({
    file: section.file,
    source: readFileSync(section.file, "utf8"),
  }));
  const checklists = sources.flatMap(({ file, source }) =>
    [...source.matchAll(/<SummaryChecklist\b/g)].map((match) => ({
      file,
      line: source.slice(0, match.index).split("\n").length,
    })),
  );
  const extraChecklists = checklists
    .slice(1)
    .map((checklist) =>
      formatContentError(
        checklist.file,
        checklist.line,
        `<SummaryChecklist> は1つの記事に1つだけ書けます。最初のものは ${checklists[0]?.file}:${checklists[0]?.line} にあります。`,
      ),
    );
  const problems = extraChecklists.concat(
    sources.flatMap(({ file, source }) =>
      checklistSections(source)
        .filter((point) => !slugs.has(point.section))
        .map((point) =>
          formatContentError(
            file,
            point.line,
            `<ChecklistPoint section="${point.section}">: この記事にこの slug の節がありません。使える slug: ${[...slugs].join(", ")}`,
          ),
        ),
    ),
  );
  if (problems.length > 0) throw new ContentError(problems.join("\n"));
}

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
