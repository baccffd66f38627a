import { ui } from "../site/ui-strings";
import { absoluteUrl, articlePath, HOME_PATH, sectionPath, TAGS_PATH } from "./urls";

/** One step of a page's breadcrumb trail: what it is called and where it is. */
export interface Crumb {
  name: string;
  path: string;
}

/**
 * Where a page sits in the site: ホーム › the article › the section (by its short name; the first
 * step is ホーム, as on Japanese article sites, not the site's name). One trail
 * feeds both the visible breadcrumbs (Breadcrumbs.astro) and the BreadcrumbList structured data,
 * so the two always agree.
 */
export function pageTrail(
  article: { slug: string; title: string },
  section?: { slug: string; shortTitle: string },
): Crumb[] {
  const trail: Crumb[] = [
    { name: ui.breadcrumb.home, path: HOME_PATH },
    { name: article.title, path: articlePath(article.slug) },
  ];
  if (section) trail.push({ name: section.shortTitle, path: sectionPath(article.slug, section.slug) });
  return trail;
}

/** The trail to a tag's page: ホーム › タグ一覧 › the tag. */
export function tagTrail(tag?: { name: string; path: string }): Crumb[] {
  const trail: Crumb[] = [
    { name: ui.breadcrumb.home, path: HOME_PATH },
    { name: ui.tags.indexTitle, path: TAGS_PATH },
  ];
  if (tag) trail.push({ name: ui.tags.pageTitle(tag.name), path: tag.path });
  return trail;
}

/** The trail's crumbs with absolute URLs, for BreadcrumbList structured data. */
export function absoluteTrail(trail: readonly Crumb[], site: URL | string): { name: string; url: string }[] {
  return trail.map((crumb) => ({ name: crumb.name, url: absoluteUrl(crumb.path, site) }));
}
