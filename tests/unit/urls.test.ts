import { describe, expect, it } from "vitest";
import { DEFAULT_SITE_URL, resolveSiteUrl } from "../../src/site/settings";
import { absoluteUrl, articlePath, headingHref, sectionPath, shareCardPath } from "../../src/article/urls";

describe("article, section and heading URLs", () => {
  it("gives each article and section a short path with a trailing slash", () => {
    expect(articlePath("line-koukan")).toBe("/line-koukan/");
    expect(sectionPath("line-koukan", "responses")).toBe("/line-koukan/responses/");
  });

  it("links to a heading on another section's page with its fragment", () => {
    const onReasons = { page: "section", article: "a", slug: "reasons" } as const;
    expect(headingHref("a", "responses", "cooling-off", onReasons)).toBe("/a/responses/#cooling-off");
    expect(headingHref("a", "responses", undefined, onReasons)).toBe("/a/responses/");
  });

  it("links in-page when the heading is on the current page", () => {
    expect(headingHref("a", "responses", "cooling-off", { page: "article", article: "a" })).toBe(
      "#cooling-off",
    );
    expect(headingHref("a", "responses", undefined, { page: "article", article: "a" })).toBe("#responses");
    expect(
      headingHref("a", "responses", undefined, { page: "section", article: "a", slug: "responses" }),
    ).toBe("#responses");
  });

  it("never links in-page to a heading of another article, even with the same slug and id", () => {
    expect(headingHref("b", "summary", "long-term", { page: "article", article: "a" })).toBe(
      "/b/summary/#long-term",
    );
    expect(headingHref("b", "summary", undefined, { page: "section", article: "a", slug: "summary" })).toBe(
      "/b/summary/",
    );
    expect(headingHref("b", "summary", undefined, { page: "home" })).toBe("/b/summary/");
  });

  it("builds absolute URLs from the site setting", () => {
    expect(absoluteUrl("/a/responses/", "https://example.jp/")).toBe("https://example.jp/a/responses/");
  });

  it("gives every page a share card of its own, the home page's apart from any article's", () => {
    expect(shareCardPath({ page: "home" })).toBe("/og/index.png");
    expect(shareCardPath({ page: "article", article: "a" })).toBe("/og/a.png");
    expect(shareCardPath({ page: "section", article: "a", slug: "summary" })).toBe("/og/a/summary.png");
  });
});

describe("SITE_URL", () => {
  it("defaults to the address npm start serves on", () => {
    expect(resolveSiteUrl(undefined)).toBe(DEFAULT_SITE_URL);
    expect(resolveSiteUrl("  ")).toBe(DEFAULT_SITE_URL);
  });

  it("accepts an https origin and normalises it", () => {
    expect(resolveSiteUrl("https://example.jp")).toBe("https://example.jp/");
  });

  it("rejects values that would produce wrong canonical URLs", () => {
    expect(() => resolveSiteUrl("example.jp")).toThrow(/URL ではありません/);
    expect(() => resolveSiteUrl("ftp://example.jp/")).toThrow(/http: か https:/);
    expect(() => resolveSiteUrl("https://example.jp/blog/")).toThrow(/オリジンだけ/);
  });
});
