import { getCollection, getEntry, render } from "astro:content";
import { buildOutline } from "../lib/outline";
import { readableText, readingMinutes } from "../lib/reading-time";

/**
 * The whole article as the pages use it: the lead and the sections in reading order, each with
 * its rendered content and headings. Validation that spans files happens in `buildOutline`.
 */
export async function loadArticle() {
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
  const totalCharacters =
    readableText(lead.body).length + sections.reduce((sum, section) => sum + section.characters, 0);
  return { lead, sections, minutes: readingMinutes(totalCharacters) };
}

export type Article = Awaited<ReturnType<typeof loadArticle>>;
export type ArticleSection = Article["sections"][number];
