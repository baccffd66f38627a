import type { Article, Tag } from "./load";

/** A tag in use, with its articles (newest first, as `articles` is ordered). */
export interface TagWithArticles extends Tag {
  articles: Article[];
}

/**
 * Every tag some article uses, in the order of first use (newest article first), each with its
 * articles. A tag declared in content/tags.yaml that no article uses yet gets no page.
 */
export function tagsInUse(articles: readonly Article[]): TagWithArticles[] {
  const bySlug = new Map<string, TagWithArticles>();
  for (const article of articles) {
    for (const tag of article.lead.tags) {
      const entry = bySlug.get(tag.slug) ?? { ...tag, articles: [] };
      entry.articles.push(article);
      bySlug.set(tag.slug, entry);
    }
  }
  return [...bySlug.values()];
}
