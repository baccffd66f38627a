import { newestFirst } from "./load";

/** What the related-reading list needs of an article. */
export interface RelatedCandidate {
  slug: string;
  lead: { title: string; published?: Date | undefined; tags: readonly { slug: string }[] };
}

/** How many articles 「次に読みたい記事」 offers. */
export const RELATED_COUNT = 3;

/**
 * Up to three other articles to read next: those sharing more of `article`'s tags first, then the
 * newest (the order of the home page); none when there is no other article.
 */
export function relatedArticles<A extends RelatedCandidate>(article: A, all: readonly A[]): A[] {
  const tags = new Set(article.lead.tags.map((tag) => tag.slug));
  const shared = (other: A) => other.lead.tags.filter((tag) => tags.has(tag.slug)).length;
  return all
    .filter((other) => other.slug !== article.slug)
    .sort((a, b) => shared(b) - shared(a) || newestFirst(a, b))
    .slice(0, RELATED_COUNT);
}
