import { builtPages } from "./built-site.ts";
import { SEARCH_PATH, TAGS_PATH } from "../../src/article/urls.ts";

/**
 * The article of the delivered manuscript (content/articles/line-koukan/): tests about its words,
 * headings and checklist name it. Page lists never do: they come from `sitePages`.
 */
export const MANUSCRIPT_ARTICLE = "/line-koukan/";
/** The published fixture article (tests/fixtures/articles/aisatsu/), only in the test build. */
export const FIXTURE_ARTICLE = "/aisatsu/";
/** The draft fixture article (tests/fixtures/articles/shitagaki/), which no build may contain. */
export const DRAFT_ARTICLE = "/shitagaki/";

export interface BuiltArticle {
  /** `/line-koukan/` */
  path: string;
  /** The section pages, `/line-koukan/reasons/` …, in path order. */
  sections: string[];
}

/** The pages of a built site by kind, read from the built files (URL scheme: src/article/urls.ts). */
export function sitePages(distDir: string) {
  const all = builtPages(distDir);
  const depth = (path: string) => path.split("/").filter(Boolean).length;
  const tags = all.filter((path) => path.startsWith(TAGS_PATH));
  const htmlDirs = all.filter((path) => path.endsWith("/") && !path.startsWith(TAGS_PATH));
  const articles: BuiltArticle[] = htmlDirs
    .filter((path) => depth(path) === 1 && path !== SEARCH_PATH)
    .map((path) => ({
      path,
      sections: htmlDirs.filter((candidate) => depth(candidate) === 2 && candidate.startsWith(path)),
    }));
  return {
    all,
    home: "/",
    articles,
    sections: articles.flatMap((article) => article.sections),
    /** The home page, every full article and every section page: what readers share. */
    shared: ["/", ...articles.flatMap((article) => [article.path, ...article.sections])],
    /** The list of tags (`/tags/`), then each tag's page (`/tags/<slug>/`). */
    tags,
    notFound: all.filter((path) => !path.endsWith("/")),
    /** The search page, when the build has one: the site's own page, not an article. */
    search: all.filter((path) => path === SEARCH_PATH),
    /**
     * The home page, then one full article, one section page, one tag's page and the 404 page,
     * from the build.
     */
    oneOfEachKind: [
      "/",
      ...articles.slice(0, 1).flatMap((article) => [article.path, ...article.sections.slice(0, 1)]),
      ...tags.filter((path) => path !== TAGS_PATH).slice(0, 1),
      ...all.filter((path) => !path.endsWith("/")),
    ],
  };
}
