/**
 * The site's URL scheme, in one place:
 * `/` the home page, `/<article>/` a full article, `/<article>/<section>/` a section's own page,
 * `#<id>` a heading on either. Trailing slashes match the built `index.html` files.
 */

/** Path of the home page, which lists the newest articles (then `/page/2/` …). */
export const HOME_PATH = "/";

/** Path of the site search page (src/pages/search.astro) and the query parameter it reads. */
export const SEARCH_PATH = "/search/";
export const SEARCH_QUERY_PARAM = "q";

/** Path of the feed of articles (src/pages/feed.xml.ts). */
export const FEED_PATH = "/feed.xml";

/** Path of the site icon that pages link (src/pages/favicon.svg.ts). */
export const FAVICON_PATH = "/favicon.svg";

/** Path of the print stylesheet every page links (src/pages/print.css.ts). */
export const PRINT_CSS_PATH = "/print.css";

/** Path of the home-screen icon that pages link (src/pages/apple-touch-icon.png.ts). */
export const TOUCH_ICON_PATH = "/apple-touch-icon.png";

/** Path of the list of every tag in use. */
export const TAGS_PATH = "/tags/";

/** Path of a tag's page, which lists its articles: `/tags/<slug>/` (slugs: content/tags.yaml). */
export function tagPath(slug: string): string {
  return `${TAGS_PATH}${slug}/`;
}

/** The folder of a list's later pages: `/page/2/`, `/tags/<slug>/page/2/` (a reserved article slug). */
export const LIST_PAGE_FOLDER = "page";

/** Path of page `page` (from 1) of the list whose first page is `firstPage`. */
export function listPagePath(firstPage: string, page: number): string {
  return page <= 1 ? firstPage : `${firstPage}${LIST_PAGE_FOLDER}/${page}/`;
}

/** The rest parameter of a list's route for page `page`: none for the first page, `page/2` after. */
export function listPageParam(page: number): string | undefined {
  return page <= 1 ? undefined : `${LIST_PAGE_FOLDER}/${page}`;
}

/** Path of a full article: `/<article>/`. */
export function articlePath(article: string): string {
  return `/${article}/`;
}

/** Path of a section's own page: `/<article>/<section>/`. */
export function sectionPath(article: string, slug: string): string {
  return `/${article}/${slug}/`;
}

/** Which page a link is written on: the home page, a full article, or a section's own page. */
export type LinkContext =
  | { page: "home" }
  | { page: "article"; article: string }
  | { page: "section"; article: string; slug: string };

/**
 * Link to a heading of `article` (or to a section when `headingId` is omitted) as seen from
 * `context`: a bare fragment when the target is on the same page, else the section page, with a
 * fragment for a heading. From the full article every heading of that article is on the page.
 */
export function headingHref(
  article: string,
  sectionSlug: string,
  headingId: string | undefined,
  context: LinkContext,
): string {
  const onSamePage =
    context.page !== "home" &&
    context.article === article &&
    (context.page === "article" || context.slug === sectionSlug);
  if (onSamePage) return `#${headingId ?? sectionSlug}`;
  const page = sectionPath(article, sectionSlug);
  return headingId ? `${page}#${headingId}` : page;
}

/** Absolute URL of a site path, for canonical and share metadata. */
export function absoluteUrl(path: string, site: URL | string): string {
  return new URL(path, site).href;
}

/**
 * Path of a page's share card (Open Graph image): `/og/index.png` for the home page,
 * `/og/<article>.png` for a full article, `/og/<article>/<section>.png` for a section page.
 * `index` is a reserved article slug (folders.ts), so the home card cannot collide.
 */
export function shareCardPath(context: LinkContext): string {
  if (context.page === "home") return "/og/index.png";
  if (context.page === "article") return `/og/${context.article}.png`;
  return `/og/${context.article}/${context.slug}.png`;
}
