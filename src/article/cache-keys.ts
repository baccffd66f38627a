import { createHash } from "node:crypto";
import type { Article, ArticleSection } from "./load";
import type { TagWithArticles } from "./tags";

/**
 * Cache keys for Astro's incremental build (`cacheKey` in getStaticPaths): a digest of everything
 * a page shows that does not come from its code, which Astro hashes itself. A page is rendered
 * again when its key changes, and reused otherwise; a key that leaves out something the page shows
 * would serve it stale, so each key names the page's data explicitly, and leaves out what no page
 * shows of another (an article's text on a list), so that an edit re-renders only the pages that
 * show it. A field a key holds but its page does not show only costs a needless re-render.
 */
function digest(data: unknown): string {
  // Rendered content (functions) is stood for by each entry's digest.
  const json = JSON.stringify(data, (_key, value: unknown) =>
    typeof value === "function" ? undefined : value,
  );
  return createHash("sha256").update(json).digest("base64url");
}

/** `value`'s fields but `keys`. */
function omit(value: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}

/** An article as a list or a card shows it elsewhere: its lead's fields, path and reading time. */
function articleSummary({ path, minutes, lead }: Pick<Article, "path" | "minutes" | "lead">) {
  return { path, minutes, ...omit(lead, ["Content", "body", "digest"]) };
}

/**
 * A section as the 目次 and the neighbours' links show it: its fields, headings and reading time,
 * not its text (nor its exact length, which only shows through the rounded minutes).
 */
function sectionOutline(section: ArticleSection) {
  // Where the checklist stands in the file is part of the text, which its own digest covers.
  return omit(section, ["Content", "digest", "characters", "checklistPoints", "summaryChecklists"]);
}

/** The full article: its lead and every section, text included, and the related reading it lists. */
export function articlePageKey(article: Article, related: readonly Article[]): string {
  return digest({
    article: articleSummary(article),
    lead: article.lead.digest,
    images: article.imagesDigest,
    sections: article.sections.map((section) => ({ ...sectionOutline(section), text: section.digest })),
    related: related.map(articleSummary),
  });
}

/** A section page: its own text, the article's outline (目次, neighbours) and any related reading. */
export function sectionPageKey(
  article: Article,
  section: ArticleSection,
  related: readonly Article[],
): string {
  return digest({
    article: articleSummary(article),
    outline: article.sections.map(sectionOutline),
    text: section.digest,
    images: article.imagesDigest,
    related: related.map(articleSummary),
  });
}

/** A page of a list of articles (the home page, `/page/2/`): the articles it shows and how many pages there are. */
export function listPageKey(articles: readonly Article[], lastPage: number): string {
  return digest({
    lastPage,
    articles: articles.map((article) => ({
      ...articleSummary(article),
      outline: article.sections.map(sectionOutline),
    })),
  });
}

/** A page of a tag's list: the tag, how many articles it has, and the articles this page lists. */
export function tagPageKey(tag: TagWithArticles, articles: readonly Article[], lastPage: number): string {
  return digest({
    tag: omit(tag, ["articles"]),
    count: tag.articles.length,
    lastPage,
    articles: articles.map(articleSummary),
  });
}
