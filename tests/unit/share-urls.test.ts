import { describe, expect, it } from "vitest";
import { buildShareUrl, shareText } from "../../src/share/share-urls";

const page = {
  title: "断られたときの対応法｜職場でLINE交換を断られたら",
  url: "https://example.jp/responses/",
};

describe("share links with Japanese titles", () => {
  it("sends title and URL to LINE as one text, on two lines", () => {
    const url = new URL(buildShareUrl("line", page));
    expect(url.origin + url.pathname).toBe("https://line.me/R/share");
    expect(url.searchParams.get("text")).toBe(`${page.title}\nhttps://example.jp/responses/`);
  });

  it("leaves the Japanese as written, and the browser sends the same all-ASCII request", () => {
    for (const service of ["line", "x", "hatena", "facebook"] as const) {
      const link = buildShareUrl(service, page);
      // No space, control or other ASCII that would end or split the value, raw.
      expect(link, service).not.toMatch(/[\x00-\x20"<>\\^`{|}]/);
      // What a browser requests: the URL parser percent-encodes the rest as UTF-8.
      expect(new URL(link).href, service).toMatch(/^[\x21-\x7e]+$/);
    }
    expect(buildShareUrl("line", page)).toContain("職場でLINE交換を断られたら");
    expect(new URL(buildShareUrl("line", page)).href).toBe(
      `https://line.me/R/share?text=${encodeURIComponent(shareText(page))}`,
    );
  });

  it("gives X the title and the URL separately", () => {
    const url = new URL(buildShareUrl("x", page));
    expect(url.origin + url.pathname).toBe("https://x.com/intent/post");
    expect(url.searchParams.get("text")).toBe(page.title);
    expect(url.searchParams.get("url")).toBe(page.url);
  });

  it("adds the page to Hatena Bookmark with its title", () => {
    const url = new URL(buildShareUrl("hatena", page));
    expect(url.origin + url.pathname).toBe("https://b.hatena.ne.jp/add");
    expect(url.searchParams.get("mode")).toBe("confirm");
    expect(url.searchParams.get("url")).toBe(page.url);
    expect(url.searchParams.get("title")).toBe(page.title);
  });

  it("shares the URL on Facebook", () => {
    const url = new URL(buildShareUrl("facebook", page));
    expect(url.origin + url.pathname).toBe("https://www.facebook.com/sharer/sharer.php");
    expect(url.searchParams.get("u")).toBe(page.url);
  });

  it("keeps a heading fragment and reserved characters intact through encoding", () => {
    const tricky = { title: "A&B ? #1 ＆「」", url: "https://example.jp/responses/#cooling-off" };
    for (const service of ["line", "x", "hatena"] as const) {
      const url = new URL(buildShareUrl(service, tricky));
      expect(url.hash, service).toBe("");
      const values = [...url.searchParams.values()].join("\n");
      expect(values, service).toContain(tricky.url);
      expect(values, service).toContain(tricky.title);
    }
    expect(new URL(buildShareUrl("facebook", tricky)).searchParams.get("u")).toBe(tricky.url);
    expect(shareText(tricky)).toBe(`${tricky.title}\n${tricky.url}`);
  });
});
