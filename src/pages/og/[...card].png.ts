import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from "astro";
import { root } from "astro:config/server";
import { loadArticles } from "../../article/load";
import { projectPath } from "../../article/folders";
import { shareCardPath, type LinkContext } from "../../article/urls";
import { drawMissingCards, renderShareCardCached, shareCardHash } from "../../share/card-cache";
import type { ShareCardInput } from "../../share/card-layout";
import { siteSettings } from "../../site/settings";

/**
 * Share cards are drawn at build time and kept by content hash outside dist/, in a folder that
 * builds of copies of the project share through their linked node_modules; deleting it is safe.
 */
const CACHE_DIR = projectPath(root, "node_modules/.cache/share-cards");

/** The route parameter of a card: its path under /og/ without `.png` (urls.ts `shareCardPath`). */
const cardParam = (context: LinkContext) => shareCardPath(context).slice("/og/".length, -".png".length);

export const getStaticPaths = (async () => {
  const articles = await loadArticles();
  const siteName = siteSettings.name;
  const home: ShareCardInput = {
    kind: "home",
    title: siteName,
    subtitle: siteSettings.tagline,
    articleTitle: siteName,
    siteName,
  };
  // A card is drawn again only when what decides its pixels changes (shareCardHash).
  const withKey = <P extends { props: { input: ShareCardInput } }>(path: P) => ({
    ...path,
    cacheKey: shareCardHash(path.props.input),
  });
  const paths = [
    { params: { card: cardParam({ page: "home" }) }, props: { input: home } },
    ...articles.flatMap(({ slug, lead, sections }) => {
      const article: ShareCardInput = {
        kind: "article",
        title: lead.title,
        articleTitle: lead.title,
        siteName,
      };
      return [
        { params: { card: cardParam({ page: "article", article: slug }) }, props: { input: article } },
        ...sections.map((section) => ({
          params: { card: cardParam({ page: "section", article: slug, slug: section.slug }) },
          props: { input: { ...article, kind: "section", title: section.title } satisfies ShareCardInput },
        })),
      ];
    }),
  ].map(withKey);
  // The build asks for every card in turn: the missing ones are drawn ahead, on every core. The
  // dev server draws only the card a page asks for.
  if (!import.meta.env.DEV)
    drawMissingCards(
      paths.map((path) => path.props.input),
      CACHE_DIR,
    );
  return paths;
}) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = async ({ props }) => {
  const { png } = await renderShareCardCached(props.input, CACHE_DIR);
  return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png" } });
};
