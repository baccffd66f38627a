import rss from "@astrojs/rss";
import type { APIRoute } from "astro";
import { loadArticles } from "../article/load";
import { LIST_SIZES, siteSettings } from "../site/settings";

/**
 * The newest articles as an RSS feed (LIST_SIZES.feed of them: a reader polls it, and older items
 * are already in it), with absolute URLs from SITE_URL; drafts are never built.
 */
export const GET: APIRoute = async ({ site }) => {
  if (!site) throw new Error("astro.config.mjs に site がありません（SITE_URL から作られます）。");
  const articles = await loadArticles();
  return rss({
    title: siteSettings.name,
    description: siteSettings.description,
    site,
    customData: `<language>${siteSettings.lang}</language>`,
    items: articles.slice(0, LIST_SIZES.feed).map(({ path, lead }) => ({
      title: lead.title,
      link: new URL(path, site).href,
      description: lead.description,
      ...(lead.published ? { pubDate: lead.published } : {}),
    })),
  });
};
