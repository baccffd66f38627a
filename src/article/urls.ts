/** Path of the full article. */
export const ARTICLE_PATH = "/";

/** Path of a section's own page: `/responses/`. Trailing slash matches the built `index.html`. */
export function sectionPath(slug: string): string {
  return `/${slug}/`;
}

/** Which page a link is written on: the full article, or a section's own page. */
export type LinkContext = { page: "article" } | { page: "section"; slug: string };

/**
 * Link to a heading (or to a section when `headingId` is omitted) as seen from `context`:
 * a bare fragment when the target is on the same page, else the section page with a fragment.
 * From the full article every heading is on the page, so links stay in-page.
 */
export function headingHref(
  sectionSlug: string,
  headingId: string | undefined,
  context: LinkContext,
): string {
  const onSamePage =
    context.page === "article" || (context.page === "section" && context.slug === sectionSlug);
  if (onSamePage) return `#${headingId ?? sectionSlug}`;
  return headingId ? `${sectionPath(sectionSlug)}#${headingId}` : sectionPath(sectionSlug);
}

/** Absolute URL of a site path, for canonical and share metadata. */
export function absoluteUrl(path: string, site: URL | string): string {
  return new URL(path, site).href;
}

/** The link context of a built page, from its path: `/` is the article, `/<slug>/` a section. */
export function linkContextForPath(pathname: string): LinkContext {
  const match = /^\/([a-z][a-z0-9-]*)\/?$/.exec(pathname);
  return match?.[1] ? { page: "section", slug: match[1] } : { page: "article" };
}

/** Path of a page's share card (Open Graph image): `/og/index.png` for the article, else by slug. */
export function shareCardPath(sectionSlug: string | undefined): string {
  return `/og/${sectionSlug ?? "index"}.png`;
}
