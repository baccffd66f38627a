import { getCollection, getEntry, render } from "astro:content";
import { readFileSync } from "node:fs";
import { checklistSections } from "./content-components";
import { ContentError, formatContentError } from "./heading-ids";
import { buildOutline } from "./outline";
import { readableText, readingMinutes } from "./reading-time";
import { sectionPath } from "./urls";

/**
 * The whole article as the pages use it: the lead and the sections in reading order, each with
 * its rendered content and headings. Validation that spans files happens in `buildOutline`.
 */
async function readArticle() {
  const leadEntry = await getEntry("lead", "lead");
  if (!leadEntry) throw new Error("content/lead.mdx がありません。記事の導入文を置いてください。");
  const lead = { ...leadEntry.data, Content: (await render(leadEntry)).Content, body: leadEntry.body ?? "" };

  const entries = await getCollection("sections");
  const rendered = await Promise.all(
    entries.map(async (entry) => {
      const { Content, headings } = await render(entry);
      const characters = readableText(entry.body ?? "").length;
      return {
        ...entry.data,
        file: entry.filePath ?? entry.id,
        Content,
        headings,
        characters,
        minutes: readingMinutes(characters),
      };
    }),
  );
  const sections = buildOutline(rendered);
  assertChecklistTargets(sections);
  const totalCharacters =
    readableText(lead.body).length + sections.reduce((sum, section) => sum + section.characters, 0);
  return { lead, sections, minutes: readingMinutes(totalCharacters) };
}

/** Every `<ChecklistPoint section="…">` names an existing section; else stop at its file and line. */
function assertChecklistTargets(sections: readonly { file: string; slug: string }[]) {
  const slugs = new Set(sections.map((section) => section.slug));
  const problems = sections.flatMap((section) =>
    checklistSections(readFileSync(section.file, "utf8"))
      .filter((point) => !slugs.has(point.section))
      .map((point) =>
        formatContentError(
          section.file,
          point.line,
          `<ChecklistPoint section="${point.section}">: この slug の節がありません。使える slug: ${[...slugs].join(", ")}`,
        ),
      ),
  );
  if (problems.length > 0) throw new ContentError(problems.join("\n"));
}

let cached: ReturnType<typeof readArticle> | undefined;

/**
 * Loaded once per build: every page and every heading needs the outline. The dev server reads
 * afresh each time so that edits show up.
 */
export function loadArticle(): ReturnType<typeof readArticle> {
  if (import.meta.env.DEV) return readArticle();
  cached ??= readArticle();
  return cached;
}

/**
 * The section page a heading belongs to, and its fragment: `/responses/#cooling-off` for an h3,
 * `/responses/` for the section's own heading. This is the address a shared heading link points
 * to, whichever page it is shared from.
 */
export async function headingPath(id: string): Promise<string> {
  const { sections } = await loadArticle();
  for (const section of sections) {
    if (section.slug === id) return sectionPath(section.slug);
    if (section.headings.some((heading) => heading.slug === id)) return `${sectionPath(section.slug)}#${id}`;
  }
  throw new Error(`見出し id「${id}」がどの節にもありません。`);
}

export type Article = Awaited<ReturnType<typeof loadArticle>>;
export type ArticleSection = Article["sections"][number];
