import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { DEFAULT_SITE_URL } from "../../src/site/settings";
import { readPage } from "../support/built-site";
import { pngSize } from "../support/images";
import { FIXTURE_AUTHOR } from "../support/project-copy";
import { FIXTURE_ARTICLE, MANUSCRIPT_ARTICLE, sitePages } from "../support/site";

const distDir = inject("distDir");
const site = new URL(DEFAULT_SITE_URL);
const pages = sitePages(distDir);
const SHARED_PAGES = pages.shared;
const ARTICLE_PAGES = pages.articles.map((article) => article.path);

/** The share card a page should carry (src/article/urls.ts `shareCardPath`). */
function expectedCard(path: string): string {
  if (path === "/") return "/og/index.png";
  const [article, section] = path.split("/").filter(Boolean);
  return section ? `/og/${article}/${section}.png` : `/og/${article}.png`;
}

const meta = (document: Document, key: string) =>
  document.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute("content") ??
  undefined;

describe("share metadata in the built pages", () => {
  for (const path of SHARED_PAGES) {
    it(`${path} has the full Open Graph / Twitter set with absolute URLs`, () => {
      const { document } = readPage(distDir, path);
      const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute("href");
      expect(canonical).toBe(new URL(path, site).href);
      expect(meta(document, "og:url")).toBe(canonical);
      expect(meta(document, "og:type")).toBe(ARTICLE_PAGES.includes(path) ? "article" : "website");
      expect(meta(document, "og:site_name")).toBe("職場の人間関係ノート");
      expect(meta(document, "og:locale")).toBe("ja_JP");
      expect(meta(document, "og:title")).toBe(document.querySelector("title")?.textContent);
      expect(meta(document, "og:description")?.length).toBeGreaterThanOrEqual(50);
      expect(meta(document, "og:image")).toBe(new URL(expectedCard(path), site).href);
      expect(meta(document, "og:image:width")).toBe("1200");
      expect(meta(document, "og:image:height")).toBe("630");
      expect(meta(document, "og:image:alt")).toMatch(/「.+」/);
      expect(meta(document, "twitter:card")).toBe("summary_large_image");
    });
  }

  it("has a share card for every page: a 1200×630 PNG, different for each page", () => {
    const cards = SHARED_PAGES.map((path) => {
      const image = meta(readPage(distDir, path).document, "og:image");
      if (!image) throw new Error(`${path} has no og:image`);
      const bytes = readFileSync(join(distDir, new URL(image).pathname));
      expect(pngSize(bytes), path).toEqual({ width: 1200, height: 630 });
      return bytes.toString("base64");
    });
    expect(new Set(cards).size).toBe(SHARED_PAGES.length);
  });
});

describe("structured data", () => {
  /** The page's one JSON-LD script: one object, or several in an array. */
  const jsonLdItems = (path: string) => {
    const scripts = readPage(distDir, path).document.querySelectorAll('script[type="application/ld+json"]');
    expect(scripts, path).toHaveLength(1);
    const data = JSON.parse(scripts[0]?.textContent ?? "") as
      Record<string, unknown> | Record<string, unknown>[];
    return Array.isArray(data) ? data : [data];
  };
  const jsonLd = (path: string, type?: string) => {
    const items = jsonLdItems(path);
    const item = type === undefined ? items[0] : items.find((candidate) => candidate["@type"] === type);
    if (!item) throw new Error(`${path} has no ${type ?? "structured data"}`);
    return item;
  };
  /** The visible breadcrumb trail: each step's text and (but the last) link. */
  const visibleTrail = (path: string) =>
    [...readPage(distDir, path).document.querySelectorAll('nav[aria-label="パンくずリスト"] li')].map(
      (li) => ({
        name: li.textContent?.trim(),
        href: li.querySelector("a")?.getAttribute("href") ?? null,
        current: li.getAttribute("aria-current"),
      }),
    );

  it("describes each full article as an Article in Japanese with its headline, description, URL and image", () => {
    for (const path of ARTICLE_PAGES) {
      const data = jsonLd(path, "Article");
      const url = new URL(path, site).href;
      expect(data, path).toMatchObject({
        "@context": "https://schema.org",
        "@type": "Article",
        headline: readPage(distDir, path).document.querySelector("h1")?.textContent,
        inLanguage: "ja",
        url,
        image: [new URL(expectedCard(path), site).href],
      });
      expect(String(data["description"]).length).toBeGreaterThanOrEqual(50);
      // Author, publisher and dates are only written once the site owner sets them.
      for (const key of ["author", "publisher", "datePublished", "dateModified"]) {
        if (key in data) expect(data[key], key).toBeTruthy();
      }
    }
    expect(jsonLd(MANUSCRIPT_ARTICLE, "Article")["headline"]).toBe("職場でLINE交換を断られたら");
    // The fixture article has its dates and the test build's author (tests/support/project-copy.ts).
    expect(jsonLd(FIXTURE_ARTICLE, "Article")).toMatchObject({
      datePublished: "2026-11-20",
      dateModified: "2026-11-28",
      author: { "@type": "Person", name: FIXTURE_AUTHOR.name, url: FIXTURE_AUTHOR.url },
    });
    // The manuscript's article has no date yet: none is written, none invented.
    expect(jsonLd(MANUSCRIPT_ARTICLE, "Article")).not.toHaveProperty("datePublished");
    expect(jsonLd(MANUSCRIPT_ARTICLE, "Article")).not.toHaveProperty("dateModified");
  });

  it("gives each full article the breadcrumb ホーム › article, the same as the trail it shows", () => {
    for (const path of ARTICLE_PAGES) {
      const title = readPage(distDir, path).document.querySelector("h1")?.textContent;
      expect(jsonLd(path, "BreadcrumbList")["itemListElement"], path).toEqual([
        { "@type": "ListItem", position: 1, name: "ホーム", item: site.href },
        { "@type": "ListItem", position: 2, name: title, item: new URL(path, site).href },
      ]);
      expect(visibleTrail(path), path).toEqual([
        { name: "ホーム", href: "/", current: null },
        { name: title, href: null, current: "page" },
      ]);
    }
  });

  it("gives each section page the breadcrumb ホーム › article › section (its short name), as shown", () => {
    for (const article of pages.articles) {
      const articleTitle = readPage(distDir, article.path).document.querySelector("h1")?.textContent;
      for (const path of article.sections) {
        // The section's short name is the first part of its <title> (「短い名前｜記事タイトル」).
        const shortTitle = readPage(distDir, path).document.title.split("｜")[0];
        expect(jsonLd(path), path).toEqual({
          "@context": "https://schema.org",
          "@type": "BreadcrumbList",
          itemListElement: [
            { "@type": "ListItem", position: 1, name: "ホーム", item: site.href },
            { "@type": "ListItem", position: 2, name: articleTitle, item: new URL(article.path, site).href },
            { "@type": "ListItem", position: 3, name: shortTitle, item: new URL(path, site).href },
          ],
        });
        expect(visibleTrail(path), path).toEqual([
          { name: "ホーム", href: "/", current: null },
          { name: articleTitle, href: article.path, current: null },
          { name: shortTitle, href: null, current: "page" },
        ]);
      }
    }
  });

  it("gives each tag's page the breadcrumb ホーム › タグ一覧 › tag, as shown", () => {
    for (const path of pages.tags.filter((tag) => tag !== "/tags/")) {
      const title = readPage(distDir, path).document.querySelector("h1")?.textContent;
      expect(jsonLd(path)["itemListElement"], path).toEqual([
        { "@type": "ListItem", position: 1, name: "ホーム", item: site.href },
        { "@type": "ListItem", position: 2, name: "タグ一覧", item: new URL("/tags/", site).href },
        { "@type": "ListItem", position: 3, name: title, item: new URL(path, site).href },
      ]);
      expect(visibleTrail(path).map((crumb) => crumb.name)).toEqual(["ホーム", "タグ一覧", title]);
    }
  });

  it("describes the home page as the WebSite", () => {
    expect(jsonLd("/")).toMatchObject({ "@type": "WebSite", name: "職場の人間関係ノート", url: site.href });
  });
});

describe("sitemap and robots.txt", () => {
  it("lists every shared page and every tag page in the sitemap, and not the 404 or search page", () => {
    const index = readFileSync(join(distDir, "sitemap-index.xml"), "utf8");
    const sitemaps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1] ?? "");
    const urls = sitemaps.flatMap((url) =>
      [...readFileSync(join(distDir, new URL(url).pathname), "utf8").matchAll(/<loc>([^<]+)<\/loc>/g)].map(
        (match) => match[1],
      ),
    );
    expect(pages.tags.length).toBeGreaterThan(1);
    expect(urls.sort()).toEqual(
      [...SHARED_PAGES, ...pages.tags].map((path) => new URL(path, site).href).sort(),
    );
  });

  it("points robots.txt at the sitemap", () => {
    expect(readFileSync(join(distDir, "robots.txt"), "utf8")).toContain(
      `Sitemap: ${new URL("/sitemap-index.xml", site).href}`,
    );
  });
});

describe("the feed", () => {
  const feed = readFileSync(join(distDir, "feed.xml"), "utf8");
  const items = [...feed.matchAll(/<item>([\s\S]*?)<\/item>/g)].map((match) => match[1] ?? "");
  const tag = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

  it("is well-formed RSS 2.0 in Japanese, named after the site", () => {
    expect(feed).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?><rss version="2\.0">/);
    expect(feed.trimEnd()).toMatch(/<\/channel><\/rss>$/);
    expect(tag(feed, "title")).toBe("職場の人間関係ノート");
    expect(tag(feed, "language")).toBe("ja");
  });

  it("lists every published article with its absolute URL, newest first, undated after dated", () => {
    const links = items.map((item) => tag(item, "link"));
    expect([...links].sort()).toEqual(ARTICLE_PAGES.map((path) => new URL(path, site).href).sort());
    const listedOnHome = [...readPage(distDir, "/").document.querySelectorAll("main article h3 a")].map(
      (a) => new URL(a.getAttribute("href") ?? "", site).href,
    );
    expect(links).toEqual(listedOnHome);
    expect(items[0]).toContain("<pubDate>Fri, 20 Nov 2026 00:00:00 GMT</pubDate>");
  });

  it("is linked from every page's <head> as an alternate", () => {
    for (const path of pages.all) {
      const link = readPage(distDir, path).document.querySelector('head link[rel="alternate"]');
      expect(link?.getAttribute("type"), path).toBe("application/rss+xml");
      expect(link?.getAttribute("href"), path).toBe("/feed.xml");
      expect(link?.getAttribute("title"), path).toBeTruthy();
    }
  });
});

describe("share bar links", () => {
  it("are plain links with encoded URLs that work without JavaScript", () => {
    const { document } = readPage(distDir, `${MANUSCRIPT_ARTICLE}responses/`);
    const links = [...document.querySelectorAll("share-bar a[data-service]")];
    expect(links.map((link) => link.getAttribute("data-service"))).toEqual([
      "line",
      "x",
      "hatena",
      "facebook",
    ]);
    for (const link of links) {
      const href = link.getAttribute("href") ?? "";
      expect(href).toMatch(/^https:\/\//);
      // Japanese may stay as written (share-urls.ts); no space, quote or other ASCII that would
      // end or split the value is left raw, and what a browser requests is all ASCII.
      expect(href, "no raw space or URL-breaking ASCII").not.toMatch(/[\x00-\x20"<>\\^`{|}]/);
      expect(new URL(href).href).toMatch(/^[\x21-\x7e]+$/);
      expect(decodeURIComponent(new URL(href).search)).toContain(
        new URL(`${MANUSCRIPT_ARTICLE}responses/`, site).href,
      );
      expect(link.getAttribute("rel")).toBe("noopener noreferrer");
    }
  });

  it("load no script, image or style from any other origin", () => {
    for (const path of SHARED_PAGES) {
      const { document } = readPage(distDir, path);
      for (const element of document.querySelectorAll("script[src], link[href], img[src], iframe")) {
        const url = element.getAttribute("src") ?? element.getAttribute("href") ?? "";
        if (element.getAttribute("rel") === "canonical") continue;
        // A data: URL is part of the page: no request, no other origin.
        const sameOrigin = (url.startsWith("/") && !url.startsWith("//")) || url.startsWith("data:");
        expect(sameOrigin, `${path}: ${url}`).toBe(true);
      }
    }
  });
});
