/**
 * The site's settings: its name, language, origin and who writes it. Every word shown to readers
 * besides the author's text is in ui-strings.ts.
 */
/** Who wrote or publishes the article, for structured data (schema.org Person or Organization). */
export interface Credit {
  type: "Person" | "Organization";
  name: string;
  url?: string;
}

export interface SiteSettings {
  /** Shown as `og:site_name` and in the header. */
  name: string;
  lang: "ja";
  ogLocale: "ja_JP";
  /**
   * The article's author and publisher, for the Article structured data. Left unset until the
   * site owner fills them in (README, "Settings"): the site never invents them.
   */
  author: Credit | undefined;
  publisher: Credit | undefined;
}

export const siteSettings: SiteSettings = {
  name: "職場の人間関係ノート",
  lang: "ja",
  ogLocale: "ja_JP",
  author: undefined,
  publisher: undefined,
};

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
