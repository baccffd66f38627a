/** The services the share bar links to; each is a plain link that works without JavaScript. */
export const SHARE_SERVICES = ["line", "x", "hatena", "facebook"] as const;
export type ShareService = (typeof SHARE_SERVICES)[number];

export interface SharedPage {
  title: string;
  /** Absolute URL of the page (or heading) being shared. */
  url: string;
}

/** The text readers send: the page title, then the URL on its own line (LINE keeps the break). */
export function shareText({ title, url }: SharedPage): string {
  return `${title}\n${url}`;
}

/**
 * A query value with everything percent-encoded except the characters a URL may carry as they
 * are (the URL Standard's non-ASCII "URL code points": Japanese, full-width signs). A browser
 * encodes those as UTF-8 when the link is followed, so the service receives exactly the request
 * an all-ASCII link would send (tests/unit/share-urls.test.ts); but in the page the title stays
 * the same characters as the page's own <title>, which gzip then sends once instead of as %XX
 * in every share link.
 */
function queryValue(value: string): string {
  return value.replace(
    /[^\u00A0-\uD7FF\uE000-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{10FFFD}]+/gu,
    encodeURIComponent,
  );
}

/** A query string from `params`, each value through `queryValue`. */
function query(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([key, value]) => `${key}=${queryValue(value)}`)
    .join("&");
}

/**
 * The link that opens a service's share screen for `page`. `&`, `#`, `?` and line breaks in a
 * title or URL are encoded, so they survive into the service's fields.
 */
export function buildShareUrl(service: ShareService, page: SharedPage): string {
  switch (service) {
    case "line":
      // line.me/R/share opens the LINE app's share screen on phones and LINE's web share elsewhere.
      return `https://line.me/R/share?${query({ text: shareText(page) })}`;
    case "x":
      return `https://x.com/intent/post?${query({ text: page.title, url: page.url })}`;
    case "hatena":
      return `https://b.hatena.ne.jp/add?${query({ mode: "confirm", url: page.url, title: page.title })}`;
    case "facebook":
      return `https://www.facebook.com/sharer/sharer.php?${query({ u: page.url })}`;
  }
}
