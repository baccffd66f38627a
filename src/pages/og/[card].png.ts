import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from "astro";
import { resolve } from "node:path";
import { loadArticle } from "../../article/load";
import { renderShareCardCached, type ShareCardInput } from "../../share/card";
import { siteSettings } from "../../site/settings";

/**
 * Share cards are rendered at build time and kept by content hash outside dist/, so a rebuild
 * only renders the cards whose text changed.
 */
const CACHE_DIR = resolve(process.cwd(), "node_modules/.cache/share-cards");

export const getStaticPaths = (async () => {
  const { lead, sections } = await loadArticle();
  const article: ShareCardInput = {
    kind: "article",
    title: lead.title,
    articleTitle: lead.title,
    siteName: siteSettings.name,
  };
  return [
    { params: { card: "index" }, props: { input: article } },
    ...sections.map((section) => ({
      params: { card: section.slug },
      props: { input: { ...article, kind: "section", title: section.title } satisfies ShareCardInput },
    })),
  ];
}) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = async ({ props }) => {
  const { png } = await renderShareCardCached(props.input, CACHE_DIR);
  return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png" } });
};
