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
 * The link that opens a service's share screen for `page`. Every value goes through
 * URLSearchParams/encodeURIComponent, so Japanese titles and `&`, `#`, `?` in URLs survive.
 */
export function buildShareUrl(service: ShareService, page: SharedPage): string {
  switch (service) {
    case "line":
      // line.me/R/share opens the LINE app's share screen on phones and LINE's web share elsewhere.
      return `https://line.me/R/share?text=${encodeURIComponent(shareText(page))}`;
    case "x":
      return `https://x.com/intent/post?${new URLSearchParams({ text: page.title, url: page.url })}`;
    case "hatena":
      return `https://b.hatena.ne.jp/add?${new URLSearchParams({ mode: "confirm", url: page.url, title: page.title })}`;
    case "facebook":
      return `https://www.facebook.com/sharer/sharer.php?${new URLSearchParams({ u: page.url })}`;
  }
}
