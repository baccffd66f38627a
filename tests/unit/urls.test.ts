import { describe, expect, it } from "vitest";
import { DEFAULT_SITE_URL, resolveSiteUrl } from "../../src/site/settings";
import { absoluteUrl, headingHref, linkContextForPath, sectionPath } from "../../src/article/urls";

describe("section and heading URLs", () => {
  it("gives each section a short path with a trailing slash", () => {
    expect(sectionPath("responses")).toBe("/responses/");
  });

  it("links to a heading on another section's page with its fragment", () => {
    expect(headingHref("responses", "cooling-off", { page: "section", slug: "reasons" })).toBe(
      "/responses/#cooling-off",
    );
    expect(headingHref("responses", undefined, { page: "section", slug: "reasons" })).toBe("/responses/");
  });

  it("links in-page when the heading is on the current page", () => {
    expect(headingHref("responses", "cooling-off", { page: "article" })).toBe("#cooling-off");
    expect(headingHref("responses", undefined, { page: "article" })).toBe("#responses");
    expect(headingHref("responses", undefined, { page: "section", slug: "responses" })).toBe("#responses");
  });

  it("builds absolute URLs from the site setting", () => {
    expect(absoluteUrl("/responses/", "https://example.jp/")).toBe("https://example.jp/responses/");
  });

  it("tells the article page from section pages by path", () => {
    expect(linkContextForPath("/")).toEqual({ page: "article" });
    expect(linkContextForPath("/summary/")).toEqual({ page: "section", slug: "summary" });
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
