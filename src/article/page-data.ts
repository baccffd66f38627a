import type { Article, ArticleSection } from "./load";
import { buildToc } from "./outline";
import { absoluteTrail, pageTrail } from "./trail";
import { absoluteUrl, sectionPath, shareCardPath, type LinkContext } from "./urls";
import { articleJsonLd, breadcrumbJsonLd } from "../share/structured-data";
import { siteSettings } from "../site/settings";
import { sectionPageTitle, ui } from "../site/ui-strings";

/**
 * The site's address, which every page needs for its canonical and share URLs; astro.config.mjs
 * always sets it (from SITE_URL, or the default), so its absence is a broken configuration.
 */
export function siteUrl(site: URL | undefined): URL {
  if (!site) throw new Error("astro.config.mjs に site がありません（SITE_URL から作られます）。");
  return site;
}

/**
 * What the full article (`section` left out) or one of its section pages shows around the
 * text, computed in one place for both routes and ArticleLayout: its title and description, where
 * links point from it, its 目次, its address, its share card, its trail and its structured data.
 */
export function articlePageData(article: Article, site: URL, section?: ArticleSection) {
  const { lead } = article;
  const context: LinkContext = section
    ? { page: "section", article: article.slug, slug: section.slug }
    : { page: "article", article: article.slug };
  const path = section ? sectionPath(article.slug, section.slug) : article.path;
  const url = absoluteUrl(path, site);
  const trail = pageTrail({ slug: article.slug, title: lead.title }, section);
  const shareCard = {
    path: shareCardPath(context),
    alt: ui.shareCard.alt(section?.title ?? lead.title, siteSettings.name),
  };
  const breadcrumb = breadcrumbJsonLd(absoluteTrail(trail, site));
  return {
    context,
    /** The `<title>`, and the title the share bar sends. */
    title: section ? sectionPageTitle(section.shortTitle, lead.title) : lead.shareTitle,
    description: section ? section.description : lead.description,
    ogType: section ? ("website" as const) : ("article" as const),
    path,
    url,
    toc: buildToc(article.slug, article.sections, context),
    shareCard,
    trail,
    /** The full article is an Article in schema.org's terms; a section page is a place in it. */
    structuredData: section
      ? breadcrumb
      : [
          articleJsonLd({
            url,
            headline: lead.title,
            description: lead.description,
            image: absoluteUrl(shareCard.path, site),
            author: siteSettings.author,
            publisher: siteSettings.publisher,
            published: lead.published,
            modified: lead.modified,
          }),
          breadcrumb,
        ],
  };
}

export type ArticlePageData = ReturnType<typeof articlePageData>;
