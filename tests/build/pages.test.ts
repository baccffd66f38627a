import { describe, expect, inject, it } from "vitest";
import { DEFAULT_SITE_URL } from "../../src/site/settings";
import { builtPages, mainText, readPage } from "../support/built-site";
import {
  deliveredManuscript,
  normalizeForComparison,
  readManuscript,
  splitManuscript,
} from "../support/manuscript";

const distDir = inject("distDir");
const SECTION_PAGES = ["/reasons/", "/responses/", "/alternatives/", "/mindset/", "/summary/"];

/** Section slugs and titles as built: the h1 of each section page. */
function builtSections() {
  return SECTION_PAGES.map((path) => ({
    slug: path.slice(1, -1),
    title: readPage(distDir, path).document.querySelector("h1")?.textContent?.trim() ?? "",
  }));
}

describe("the built site", () => {
  it("has the full article, the five section pages at their shared paths, and a 404 page", () => {
    expect(builtPages(distDir)).toEqual(["/", "/404.html", ...SECTION_PAGES].sort());
  });

  it("builds from the manuscript as delivered (the fixture has not drifted from it)", () => {
    const delivered = deliveredManuscript();
    if (delivered === undefined) return; // Only a clone without ../shared/ beside it.
    expect(readManuscript()).toBe(delivered);
  });

  it("prints every line of the manuscript on / in the manuscript's order", () => {
    const text = normalizeForComparison(mainText(readPage(distDir, "/").document));
    let from = 0;
    for (const line of readManuscript().split("\n")) {
      const expected = normalizeForComparison(line.replace(/^- /, ""));
      if (!expected) continue;
      const at = text.indexOf(expected, from);
      expect(at, `missing or out of order on /: ${line}`).toBeGreaterThanOrEqual(0);
      from = at + expected.length;
    }
  });

  it("prints every line of each section on that section's own page", () => {
    const parts = splitManuscript(readManuscript(), builtSections());
    expect(parts.map((part) => part.part)).toEqual(["lead", ...SECTION_PAGES.map((p) => p.slice(1, -1))]);
    for (const part of parts.filter((p) => p.part !== "lead")) {
      const text = normalizeForComparison(mainText(readPage(distDir, `/${part.part}/`).document));
      for (const line of part.lines) {
        expect(text, `missing on /${part.part}/: ${line}`).toContain(normalizeForComparison(line));
      }
    }
  });

  it("changes nothing in the author's text but the allowed typography", () => {
    // A sentence with ？ in the manuscript must not appear with a half-width ? on the page.
    const { document } = readPage(distDir, "/");
    expect(mainText(document)).not.toMatch(/[!?~]/);
  });

  it("gives every h2 and h3 a short ASCII id, unique on the page, the same on / and the section page", () => {
    const article = readPage(distDir, "/").document;
    const articleIds = [...article.querySelectorAll("main h2[id], main h3[id]")].map((h) => h.id);
    const headings = article.querySelectorAll("main h2, main h3");
    expect(articleIds).toHaveLength(headings.length);
    expect(new Set(articleIds).size).toBe(articleIds.length);
    for (const id of articleIds) expect(id).toMatch(/^[a-z][a-z0-9-]{1,31}$/);

    for (const path of SECTION_PAGES) {
      const section = readPage(distDir, path).document;
      const ids = [...section.querySelectorAll("article h1[id], article h2[id]")].map((h) => h.id);
      expect(ids[0]).toBe(path.slice(1, -1));
      for (const id of ids) expect(articleIds, `${path}#${id} is not on /`).toContain(id);
      const all = [...section.querySelectorAll("[id]")].map((el) => el.id);
      expect(new Set(all).size, `duplicate id on ${path}`).toBe(all.length);
    }
  });

  it("gives each heading an anchor link named after it, written into the HTML at build time", () => {
    const { document } = readPage(distDir, "/responses/");
    const heading = document.querySelector("#cooling-off");
    const anchor = heading?.parentElement?.querySelector(`a[href="#cooling-off"]`);
    expect(anchor?.querySelector(".sr-only")?.textContent).toBe("「冷却期間と必要な距離感」へのリンク");
  });

  it("has one h1 per page", () => {
    for (const path of builtPages(distDir)) {
      expect(readPage(distDir, path).document.querySelectorAll("h1"), path).toHaveLength(1);
    }
  });
});

describe("page metadata", () => {
  const site = new URL(DEFAULT_SITE_URL);

  for (const path of ["/", ...SECTION_PAGES, "/404.html"]) {
    it(`${path} has lang, viewport, title, description, canonical and Open Graph tags`, () => {
      const { document } = readPage(distDir, path);
      const meta = (selector: string) => document.querySelector(selector)?.getAttribute("content");
      expect(document.documentElement.getAttribute("lang")).toBe("ja");
      expect(meta('meta[name="viewport"]')).toBe("width=device-width, initial-scale=1");
      const title = document.querySelector("title")?.textContent ?? "";
      expect(title.length).toBeGreaterThan(5);
      const description = meta('meta[name="description"]') ?? "";
      expect(description.length).toBeGreaterThan(10);
      const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute("href");
      expect(canonical).toBe(new URL(path, site).href);
      expect(meta('meta[property="og:title"]')).toBe(title);
      expect(meta('meta[property="og:description"]')).toBe(description);
      expect(meta('meta[property="og:url"]')).toBe(canonical);
      expect(meta('meta[property="og:type"]')).toBe(path === "/" ? "article" : "website");
      expect(meta('meta[property="og:site_name"]')).toBeTruthy();
      expect(meta('meta[property="og:locale"]')).toBe("ja_JP");
      expect(meta('meta[name="twitter:card"]')).toBeTruthy();
    });
  }

  it("gives every page its own title and description", () => {
    const pages = ["/", ...SECTION_PAGES].map((path) => readPage(distDir, path).document);
    const titles = pages.map((d) => d.querySelector("title")?.textContent);
    const descriptions = pages.map((d) =>
      d.querySelector('meta[name="description"]')?.getAttribute("content"),
    );
    expect(new Set(titles).size).toBe(pages.length);
    expect(new Set(descriptions).size).toBe(pages.length);
  });

  it("names the section in a section page's title", () => {
    const { document } = readPage(distDir, "/responses/");
    expect(document.querySelector("title")?.textContent).toBe(
      "断られたときの対応法｜職場でLINE交換を断られたら",
    );
  });
});

describe("section navigation", () => {
  it("links each section page to the full article and to its neighbours with rel", () => {
    for (const [index, path] of SECTION_PAGES.entries()) {
      const { document } = readPage(distDir, path);
      expect(document.querySelector('main a[href="/"]'), path).not.toBeNull();
      const prev = document.querySelector('a[rel="prev"]')?.getAttribute("href");
      const next = document.querySelector('a[rel="next"]')?.getAttribute("href");
      expect(prev, path).toBe(SECTION_PAGES[index - 1]);
      expect(next, path).toBe(SECTION_PAGES[index + 1]);
    }
  });

  it("marks the current section in a section page's table of contents", () => {
    const { document } = readPage(distDir, "/alternatives/");
    const current = [...document.querySelectorAll('nav a[aria-current="page"]')];
    expect(current.map((a) => a.getAttribute("href"))).toEqual(["#alternatives"]);
  });

  it("lists every h2 and h3 in the table of contents of /, linked in-page", () => {
    const { document } = readPage(distDir, "/");
    const toc = document.querySelector('nav[aria-labelledby="toc-title"]');
    const hrefs = [...(toc?.querySelectorAll("a") ?? [])].map((a) => a.getAttribute("href"));
    const ids = [
      ...document.querySelectorAll("main section[data-section] h2, main section[data-section] h3"),
    ].map((h) => `#${h.id}`);
    expect(hrefs).toEqual(ids);
    expect(hrefs).toHaveLength(5 + 12);
  });

  it("has a Japanese 404 page linking back to the article and every section", () => {
    const { document } = readPage(distDir, "/404.html");
    expect(document.querySelector("h1")?.textContent).toBe("ページが見つかりません");
    expect(document.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex");
    const hrefs = [...document.querySelectorAll("main a")].map((a) => a.getAttribute("href"));
    expect(hrefs).toEqual(["/", ...SECTION_PAGES]);
  });

  it("inlines the stylesheet so a page renders from its first response", () => {
    for (const path of builtPages(distDir)) {
      const { document } = readPage(distDir, path);
      expect(document.querySelectorAll('link[rel="stylesheet"]'), path).toHaveLength(0);
      expect(document.querySelector("head style"), path).not.toBeNull();
    }
  });
});
