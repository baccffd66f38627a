import type { Article, ArticleSection } from "./load";
import { buildToc } from "./outline";
import { absoluteTrail, pageTrail } from "./trail";
import { absoluteUrl, sectionPath, shareCardPath, type LinkContext } from "./urls";
import { breadcrumbJsonLd } from "../share/structured-data";
import { siteSettings } from "../site/settings";
import { ui } from "../site/ui-strings";

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
 * text, computed in one place for both routes: where links point from it, its 目次, its address,
 * its share card, its trail and the trail's structured data.
 */
export function articlePageData(article: Article, site: URL, section?: ArticleSection) {
  const context: LinkContext = section
    ? { page: "section", article: article.slug, slug: section.slug }
    : { page: "article", article: article.slug };
  const path = section ? sectionPath(article.slug, section.slug) : article.path;
  const trail = pageTrail({ slug: article.slug, title: article.lead.title }, section);
  return {
    context,
    path,
    url: absoluteUrl(path, site),
    toc: buildToc(article.slug, article.sections, context),
    shareCard: {
      path: shareCardPath(context),
      alt: ui.shareCard.alt(section?.title ?? article.lead.title, siteSettings.name),
    },
    trail,
    breadcrumb: breadcrumbJsonLd(absoluteTrail(trail, site)),
  };
}
