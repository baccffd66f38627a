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
