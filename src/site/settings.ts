/**
 * The site's settings: its name, language, origin and who writes it. Every word shown to readers
 * besides the author's text is in ui-strings.ts.
 */
/** Who wrote or publishes the articles, for structured data (schema.org Person or Organization). */
export interface Credit {
  type: "Person" | "Organization";
  name: string;
  /** Their own page (a profile, a social account): the author block links it. */
  url?: string;
}

/** The author as 「この記事を書いた人」 shows them at the end of an article. */
export interface Author extends Credit {
  /** One line about them, in です・ます. */
  profile: string;
  /** What the link to `url` says, e.g. 「プロフィールを見る」. */
  urlLabel?: string;
  /**
   * A photo or drawing: the file name of an image in src/site/ (e.g. `author.jpg`). The build
   * makes a small WebP of it; it is shown beside the name, which says who it is.
   */
  image?: string;
}

export interface SiteSettings {
  /** Shown as `og:site_name`, in the header and as the home page's h1. */
  name: string;
  /** One line under the name on the home page, saying what the site is. */
  tagline: string;
  /** The home page's description for search results and share cards (50–140 characters). */
  description: string;
  lang: "ja";
  ogLocale: "ja_JP";
  /**
   * Who writes the articles: 「この記事を書いた人」 at the end of each article and its summary
   * page, and the Article structured data's author. Left unset until the site owner fills it in
   * (README, "Settings"): the site never invents one, and shows nothing while it is unset.
   */
  author: Author | undefined;
  /** Who publishes the site, for structured data only; unset, it is left out. */
  publisher: Credit | undefined;
}

export const siteSettings: SiteSettings = {
  name: "職場の人間関係ノート",
  tagline: "職場の人づきあいで迷ったときに、落ち着いて読める記事を集めています。",
  description:
    "職場の人間関係ノートは、同僚との距離の取り方や、誘いを断られたときの受け止め方など、職場の人づきあいの悩みを一つずつ整理する記事を集めたサイトです。",
  lang: "ja",
  ogLocale: "ja_JP",
  author: undefined,
  publisher: undefined,
};

/**
 * The prefix of every key the site keeps in the reader's browser storage (`<prefix>:theme`,
 * `<prefix>:checklist:<article>`). Exported on its own so browser code bundles this string only.
 */
export const STORAGE_NAMESPACE = "shokuba-note";

/**
 * How many articles a list shows before it goes on to a numbered page (the home page, a tag's
 * page), and how many of the newest the 404 page and the feed carry: lists a phone parses stay
 * the same size however many articles the site has.
 */
export const LIST_SIZES = { perPage: 10, notFoundPage: 10, feed: 30 } as const;

/**
 * Where the site is served when `SITE_URL` is not set: the address `npm start` serves on, so that
 * canonical and share URLs of a local build point at something that answers.
 */
export const DEFAULT_SITE_URL = "http://127.0.0.1:4321/";

/**
 * The site's absolute URL, from the `SITE_URL` environment variable (e.g. `https://example.jp/`).
 * It must be an http(s) origin with no path, query or fragment: every page URL is built from it.
 */
export function resolveSiteUrl(value: string | undefined): string {
  const raw = value?.trim() || DEFAULT_SITE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`SITE_URL「${raw}」は URL ではありません。例: SITE_URL=https://example.jp/`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`SITE_URL「${raw}」は http: か https: で始めてください。`);
  }
  if (url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
    throw new Error(
      `SITE_URL「${raw}」にはパスやクエリを含めず、オリジンだけを書いてください。例: https://example.jp/`,
    );
  }
  return url.href;
}
