import { describe, expect, inject, it } from "vitest";
import { DEFAULT_SITE_URL } from "../../src/site/settings";
import { ui } from "../../src/site/ui-strings";
import { mainText, readPage } from "../support/built-site";
import {
  DELIVERED_MANUSCRIPT,
  deliveredManuscript,
  normalizeForComparison,
  readManuscript,
  splitManuscript,
} from "../support/manuscript";
import { FIXTURE_AUTHOR } from "../support/project-copy";
import { DRAFT_ARTICLE, FIXTURE_ARTICLE, MANUSCRIPT_ARTICLE, sitePages } from "../support/site";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const distDir = inject("distDir");
const site = sitePages(distDir);
const manuscriptArticle = site.articles.find((article) => article.path === MANUSCRIPT_ARTICLE);
if (!manuscriptArticle) throw new Error(`${MANUSCRIPT_ARTICLE} was not built`);

/** Section slugs and titles of an article as built: the h1 of each section page. */
function builtSections(sections: readonly string[]) {
  return sections.map((path) => ({
    path,
    slug: path.split("/").filter(Boolean).at(-1) ?? "",
    title: readPage(distDir, path).document.querySelector("h1")?.textContent?.trim() ?? "",
  }));
}

describe("the built site", () => {
  it("has the home page, at least two articles each with section pages, the tag pages and a 404 page", () => {
    expect(site.all).toContain("/");
    expect(site.notFound).toEqual(["/404.html"]);
    expect(site.articles.length).toBeGreaterThanOrEqual(2);
    for (const article of site.articles) expect(article.sections.length, article.path).toBeGreaterThan(0);
    // Every built page is one of those kinds: nothing deeper than /<article>/<section>/ and
    // /tags/<tag>/.
    expect(site.tags[0]).toBe("/tags/");
    expect(site.all.length).toBe(
      1 +
        site.notFound.length +
        site.search.length +
        site.articles.length +
        site.sections.length +
        site.tags.length,
    );
  });

  it.skipIf(!existsSync(DELIVERED_MANUSCRIPT))(
    "builds from the manuscript as delivered (the fixture has not drifted from it)",
    () => {
      expect(readManuscript()).toBe(deliveredManuscript());
    },
  );

  it("prints every line of the manuscript on its full article in the manuscript's order", () => {
    const text = normalizeForComparison(mainText(readPage(distDir, MANUSCRIPT_ARTICLE).document));
    let from = 0;
    for (const line of readManuscript().split("\n")) {
      const expected = normalizeForComparison(line.replace(/^- /, ""));
      if (!expected) continue;
      const at = text.indexOf(expected, from);
      expect(at, `missing or out of order on ${MANUSCRIPT_ARTICLE}: ${line}`).toBeGreaterThanOrEqual(0);
      from = at + expected.length;
    }
  });

  it("prints every line of each section on that section's own page", () => {
    const sections = builtSections(manuscriptArticle.sections);
    const parts = splitManuscript(readManuscript(), sections);
    expect(parts.map((part) => part.part).sort()).toEqual(["lead", ...sections.map((s) => s.slug)].sort());
    for (const part of parts.filter((p) => p.part !== "lead")) {
      const path = `${MANUSCRIPT_ARTICLE}${part.part}/`;
      const text = normalizeForComparison(mainText(readPage(distDir, path).document));
      for (const line of part.lines) {
        expect(text, `missing on ${path}: ${line}`).toContain(normalizeForComparison(line));
      }
    }
  });

  it("changes nothing in the author's text but the allowed typography", () => {
    // A sentence with ？ in the manuscript must not appear with a half-width ? on the page.
    const { document } = readPage(distDir, MANUSCRIPT_ARTICLE);
    expect(mainText(document)).not.toMatch(/[!?~]/);
  });

  describe.each(site.articles)("the article $path", (article) => {
    it("gives every h2 and h3 a short ASCII id, unique on the page, the same on the article and the section page", () => {
      const full = readPage(distDir, article.path).document;
      const articleIds = [...full.querySelectorAll("main h2[id], main h3[id]")].map((h) => h.id);
      const headings = full.querySelectorAll("main h2, main h3");
      expect(articleIds).toHaveLength(headings.length);
      expect(new Set(articleIds).size).toBe(articleIds.length);
      for (const id of articleIds) expect(id).toMatch(/^[a-z][a-z0-9-]{1,31}$/);

      for (const path of article.sections) {
        const section = readPage(distDir, path).document;
        const ids = [...section.querySelectorAll("article h1[id], article h2[id]")].map((h) => h.id);
        expect(ids[0]).toBe(path.split("/").filter(Boolean).at(-1));
        for (const id of ids) expect(articleIds, `${path}#${id} is not on ${article.path}`).toContain(id);
        const all = [...section.querySelectorAll("[id]")].map((el) => el.id);
        expect(new Set(all).size, `duplicate id on ${path}`).toBe(all.length);
      }
    });

    it("lists every h2 and h3 in the table of contents, linked in-page", () => {
      const { document } = readPage(distDir, article.path);
      const toc = document.querySelector('nav[aria-labelledby="toc-title"]');
      const hrefs = [...(toc?.querySelectorAll("a") ?? [])].map((a) => a.getAttribute("href"));
      const ids = [
        ...document.querySelectorAll("main section[data-section] h2, main section[data-section] h3"),
      ].map((h) => `#${h.id}`);
      expect(hrefs).toEqual(ids);
      expect(hrefs.filter((href) => ids.includes(href ?? "")).length).toBeGreaterThanOrEqual(
        article.sections.length,
      );
    });

    it("puts every section after the first in the one block the first paint skips (global.css)", () => {
      const { document } = readPage(distDir, article.path);
      const sections = [...document.querySelectorAll("main section[data-section]")];
      const blocks = [...document.querySelectorAll("main .later-sections")];
      expect(sections.length).toBe(article.sections.length);
      expect(sections[0]?.closest(".later-sections")).toBeNull();
      expect(blocks.length).toBe(sections.length > 1 ? 1 : 0);
      for (const section of sections.slice(1)) expect(section.parentElement).toBe(blocks[0]);
    });

    it("links each section page to its full article and to its neighbours with rel", () => {
      const order = [
        ...readPage(distDir, article.path).document.querySelectorAll("main section[data-section] h2"),
      ].map((h) => `${article.path}${h.id}/`);
      expect([...order].sort()).toEqual(article.sections);
      for (const [index, path] of order.entries()) {
        const { document } = readPage(distDir, path);
        expect(document.querySelector(`main a[href="${article.path}"]`), path).not.toBeNull();
        expect(document.querySelector('a[rel="prev"]')?.getAttribute("href"), path).toBe(order[index - 1]);
        expect(document.querySelector('a[rel="next"]')?.getAttribute("href"), path).toBe(order[index + 1]);
      }
    });

    it("marks the current section in a section page's table of contents", () => {
      for (const path of article.sections) {
        const { document } = readPage(distDir, path);
        const current = [...document.querySelectorAll('nav a[aria-current="page"]')];
        expect(
          current.map((a) => a.getAttribute("href")),
          path,
        ).toEqual([`#${path.split("/").at(-2)}`]);
      }
    });
  });

  it("lets two articles use the same section slug and heading id, each on its own pages", () => {
    const idsOf = (path: string) =>
      new Set([...readPage(distDir, path).document.querySelectorAll("main [id]")].map((el) => el.id));
    const [first, second] = site.articles.map((article) => idsOf(article.path));
    const shared = [...(first ?? [])].filter((id) => second?.has(id) && /^[a-z]/.test(id));
    expect(shared).toEqual(expect.arrayContaining(["summary", "long-term"]));
  });

  it("gives each heading an anchor link named after it, written into the HTML at build time", () => {
    const { document } = readPage(distDir, `${MANUSCRIPT_ARTICLE}responses/`);
    const heading = document.querySelector("#cooling-off");
    const anchor = heading?.parentElement?.querySelector(`a[href="#cooling-off"]`);
    // Named by the heading itself: "link, 冷却期間と必要な距離感".
    expect(anchor?.getAttribute("aria-labelledby")).toBe("cooling-off");
    expect(heading?.textContent).toBe("冷却期間と必要な距離感");
  });

  it("gives every checklist its article and every share button its section URL, written by the page", () => {
    for (const path of site.all) {
      const { document } = readPage(distDir, path);
      for (const checklist of document.querySelectorAll("summary-checklist"))
        expect(checklist.closest("[data-article]")?.getAttribute("data-article"), path).toMatch(/^[a-z]/);
      for (const share of document.querySelectorAll("heading-share"))
        expect(share.closest("[data-section]")?.getAttribute("data-section"), path).toMatch(/^https?:\/\//);
    }
  });

  it("has one h1 per page", () => {
    for (const path of site.all) {
      expect(readPage(distDir, path).document.querySelectorAll("h1"), path).toHaveLength(1);
    }
  });
});

describe("callout boxes (the fixture article uses one of each kind)", () => {
  const fixture = site.articles.find((article) => article.path === FIXTURE_ARTICLE);
  if (!fixture) throw new Error(`${FIXTURE_ARTICLE} was not built`);
  const calloutsOn = (path: string) => [
    ...readPage(distDir, path).document.querySelectorAll("main [data-callout]"),
  ];
  const labels: readonly string[] = Object.values(ui.callout);

  it("renders each as a note named by its visible label, with its icon hidden from screen readers", () => {
    for (const path of [fixture.path, ...fixture.sections]) {
      for (const callout of calloutsOn(path)) {
        const label = callout.firstElementChild;
        expect(callout.tagName, path).toBe("DIV");
        expect(callout.getAttribute("role"), path).toBe("note");
        expect(labels, path).toContain(callout.getAttribute("aria-label"));
        expect(label?.textContent?.trim(), path).toBe(callout.getAttribute("aria-label"));
        expect(label?.querySelector("svg")?.getAttribute("aria-hidden"), path).toBe("true");
        // The author's text follows the label: the box is never just a label.
        expect(callout.textContent?.trim().length ?? 0, path).toBeGreaterThan(
          label?.textContent?.trim().length ?? 0,
        );
      }
    }
  });

  it("shows ポイント, 注意 and 補足 on the full article, one holding a list, and each box again on its section page", () => {
    const onArticle = calloutsOn(fixture.path);
    expect(new Set(onArticle.map((callout) => callout.getAttribute("aria-label")))).toEqual(new Set(labels));
    expect(onArticle.some((callout) => callout.querySelector("ul li"))).toBe(true);
    // Section pages come in path order, not reading order: compare the boxes' texts as sets.
    const texts = (callouts: Element[]) => callouts.map((callout) => callout.textContent).sort();
    expect(texts(fixture.sections.flatMap(calloutsOn))).toEqual(texts(onArticle));
  });
});

describe("what an article shows around its text: dates, tags, author, what to read next", () => {
  const fixture = site.articles.find((article) => article.path === FIXTURE_ARTICLE);
  if (!fixture) throw new Error(`${FIXTURE_ARTICLE} was not built`);
  const summaryOf = (article: { sections: string[] }) =>
    // The summary is the last section in reading order: the one the 次の節 link never leaves.
    article.sections.find((path) => !readPage(distDir, path).document.querySelector('a[rel="next"]'));
  const dates = (path: string) =>
    [...readPage(distDir, path).document.querySelectorAll("main time")].map((time) => ({
      text: time.parentElement?.textContent?.replace(/\s+/g, " ").trim(),
      datetime: time.getAttribute("datetime"),
    }));

  it("dates the fixture article: 公開日 and 更新日 at the top of the article and of each section page", () => {
    for (const path of [fixture.path, ...fixture.sections]) {
      expect(dates(path), path).toEqual([
        { text: "公開日 2026年11月20日", datetime: "2026-11-20" },
        { text: "更新日 2026年11月28日", datetime: "2026-11-28" },
      ]);
      // At the top: before the article's text.
      const { document } = readPage(distDir, path);
      expect(document.querySelector("main time, main .prose-ja")?.tagName, path).toBe("TIME");
    }
  });

  it("shows no date on the manuscript's article, which has none yet", () => {
    for (const path of [MANUSCRIPT_ARTICLE, ...(manuscriptArticle?.sections ?? [])]) {
      expect(dates(path), path).toEqual([]);
    }
  });

  it("links each article's tags to their pages, at ASCII URLs that list the article", () => {
    const tagLinks = (path: string) =>
      [...readPage(distDir, path).document.querySelectorAll('main ul[aria-label="タグ"] a')].map((a) => ({
        name: a.textContent?.replace("#", "").trim(),
        href: a.getAttribute("href") ?? "",
      }));
    const manuscriptTags = tagLinks(MANUSCRIPT_ARTICLE);
    expect(manuscriptTags.map((tag) => tag.name)).toEqual(["職場の人間関係", "LINE", "コミュニケーション"]);
    expect(tagLinks(FIXTURE_ARTICLE).map((tag) => tag.name)).toEqual([
      "職場の人間関係",
      "コミュニケーション",
    ]);
    for (const article of site.articles) {
      for (const tag of tagLinks(article.path)) {
        expect(tag.href, tag.name).toMatch(/^\/tags\/[a-z][a-z0-9-]*\/$/);
        const page = readPage(distDir, tag.href).document;
        expect(page.querySelector("h1")?.textContent).toBe(`「${tag.name}」の記事`);
        expect([...page.querySelectorAll("main li a")].map((a) => a.getAttribute("href"))).toContain(
          article.path,
        );
      }
    }
    // A tag both articles have lists both, newest first.
    const shared = readPage(distDir, "/tags/relationships/").document;
    expect([...shared.querySelectorAll("main > ul > li > a")].map((a) => a.getAttribute("href"))).toEqual([
      FIXTURE_ARTICLE,
      MANUSCRIPT_ARTICLE,
    ]);
    // The list of tags links each tag's page once, with its number of articles.
    const index = readPage(distDir, "/tags/").document;
    const listed = [...index.querySelectorAll("main > ul > li > a")].map((a) => a.getAttribute("href"));
    expect([...listed].sort()).toEqual(site.tags.filter((path) => path !== "/tags/").sort());
    expect(index.querySelector('main a[href="/tags/relationships/"]')?.textContent).toContain("2件");
  });

  it("ends the full article and its summary page with 「この記事を書いた人」 from the settings", () => {
    for (const article of site.articles) {
      const summary = summaryOf(article);
      expect(summary, article.path).toBeDefined();
      for (const path of [article.path, summary ?? ""]) {
        const block = readPage(distDir, path).document.querySelector(
          'aside[aria-labelledby="author-heading"]',
        );
        expect(block?.querySelector("h2")?.textContent?.trim(), path).toBe("この記事を書いた人");
        expect(block?.textContent, path).toContain(FIXTURE_AUTHOR.name);
        expect(block?.textContent, path).toContain(FIXTURE_AUTHOR.profile);
        const link = block?.querySelector("a");
        expect(link?.getAttribute("href"), path).toBe(FIXTURE_AUTHOR.url);
        expect(link?.textContent?.trim(), path).toBe(FIXTURE_AUTHOR.urlLabel);
        // The image, made at build time: a small WebP of the site's own, beside the name.
        const image = block?.querySelector("img");
        expect(image?.getAttribute("src"), path).toMatch(/^\/_astro\/.+\.webp$/);
        expect(image?.getAttribute("alt"), path).toBe("");
        expect(existsSync(join(distDir, image?.getAttribute("src") ?? "missing")), path).toBe(true);
      }
      // Not on the other section pages.
      for (const path of article.sections.filter((candidate) => candidate !== summary)) {
        expect(readPage(distDir, path).document.querySelector("#author-heading"), path).toBeNull();
      }
    }
  });

  it("ends the full article and its summary page with 「次に読みたい記事」: the other article, with its description", () => {
    for (const article of site.articles) {
      const other = site.articles.find((candidate) => candidate.path !== article.path);
      for (const path of [article.path, summaryOf(article) ?? ""]) {
        const nav = readPage(distDir, path).document.querySelector('nav[aria-labelledby="related-heading"]');
        expect(nav?.querySelector("h2")?.textContent?.trim(), path).toBe("次に読みたい記事");
        const items = [...(nav?.querySelectorAll("li") ?? [])];
        expect(
          items.map((li) => li.querySelector("a")?.getAttribute("href")),
          path,
        ).toEqual([other?.path]);
        const description = readPage(distDir, other?.path ?? "")
          .document.querySelector('meta[name="description"]')
          ?.getAttribute("content");
        expect(items[0]?.querySelector("p")?.textContent, path).toBe(description);
      }
    }
  });
});

describe("the home page", () => {
  const { document } = readPage(distDir, "/");

  it("names the site in its h1 and says in one line what the site is", () => {
    expect(document.querySelector("h1")?.textContent).toBe("職場の人間関係ノート");
    expect(document.querySelector("main header p")?.textContent?.length).toBeGreaterThan(10);
  });

  it("lists every published article, newest first, undated after dated", () => {
    const listed = [...document.querySelectorAll("main article h3 a")].map((a) => a.getAttribute("href"));
    expect([...listed].sort()).toEqual(site.articles.map((article) => article.path).sort());
    // The fixture article has a date; the first article has none yet, so it comes after.
    expect(listed.indexOf(FIXTURE_ARTICLE)).toBeLessThan(listed.indexOf(MANUSCRIPT_ARTICLE));
  });

  it("shows each article's title, subtitle, description, reading time and its sections as links", () => {
    for (const article of site.articles) {
      const full = readPage(distDir, article.path).document;
      const card = document.querySelector(`main article h3 a[href="${article.path}"]`)?.closest("article");
      expect(card, article.path).not.toBeNull();
      expect(card?.querySelector("h3")?.textContent).toBe(full.querySelector("h1")?.textContent);
      const texts = [...(card?.querySelectorAll("p") ?? [])].map((p) => p.textContent ?? "");
      expect(texts).toContain(full.querySelector("main header p")?.textContent);
      expect(texts).toContain(full.querySelector('meta[name="description"]')?.getAttribute("content"));
      expect(texts.some((text) => /^全\d+節・約\d+分$/.test(text.trim()))).toBe(true);
      const sectionLinks = [...(card?.querySelectorAll("nav a") ?? [])].map((a) => a.getAttribute("href"));
      expect([...sectionLinks].sort()).toEqual(article.sections);
      expect(card?.querySelector("nav")?.getAttribute("aria-label")).toContain(
        full.querySelector("h1")?.textContent ?? "",
      );
    }
  });

  it("is the page the header's site name links to, marked as the current page there", () => {
    for (const path of site.all) {
      const link = readPage(distDir, path).document.querySelector("header a");
      expect(link?.getAttribute("href"), path).toBe("/");
      expect(link?.getAttribute("aria-current") ?? undefined, path).toBe(path === "/" ? "page" : undefined);
    }
  });
});

describe("drafts", () => {
  it("are left out of the build: no page, card, sitemap entry or feed item", () => {
    for (const path of site.all) expect(path.startsWith(DRAFT_ARTICLE), path).toBe(false);
    const files = readdirSync(distDir, { recursive: true }).map(String);
    expect(files.filter((file) => file.includes(DRAFT_ARTICLE.slice(1, -1)))).toEqual([]);
    for (const file of files.filter((name) => /\.(xml|html)$/.test(name))) {
      expect(readFileSync(join(distDir, file), "utf8"), file).not.toContain("書きかけの下書き記事");
    }
  });
});

describe("page metadata", () => {
  const origin = new URL(DEFAULT_SITE_URL);

  for (const path of site.all) {
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
      expect(canonical).toBe(new URL(path, origin).href);
      expect(meta('meta[property="og:title"]')).toBe(title);
      expect(meta('meta[property="og:description"]')).toBe(description);
      expect(meta('meta[property="og:url"]')).toBe(canonical);
      const isArticle = site.articles.some((article) => article.path === path);
      expect(meta('meta[property="og:type"]')).toBe(isArticle ? "article" : "website");
      expect(meta('meta[property="og:site_name"]')).toBeTruthy();
      expect(meta('meta[property="og:locale"]')).toBe("ja_JP");
      expect(meta('meta[name="twitter:card"]')).toBeTruthy();
    });
  }

  it("gives every shared page its own title and description", () => {
    const pages = site.shared.map((path) => readPage(distDir, path).document);
    const titles = pages.map((d) => d.querySelector("title")?.textContent);
    const descriptions = pages.map((d) =>
      d.querySelector('meta[name="description"]')?.getAttribute("content"),
    );
    expect(new Set(titles).size).toBe(pages.length);
    expect(new Set(descriptions).size).toBe(pages.length);
  });

  it("names the section in a section page's title", () => {
    const { document } = readPage(distDir, `${MANUSCRIPT_ARTICLE}responses/`);
    expect(document.querySelector("title")?.textContent).toBe(
      "断られたときの対応法｜職場でLINE交換を断られたら",
    );
  });
});

describe("the 404 page", () => {
  it("is in Japanese, not indexed, and links back to the home page and every article", () => {
    const { document } = readPage(distDir, "/404.html");
    expect(document.querySelector("h1")?.textContent).toBe("ページが見つかりません");
    expect(document.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex");
    const hrefs = [...document.querySelectorAll("main a")].map((a) => a.getAttribute("href"));
    expect(hrefs[0]).toBe("/");
    expect(hrefs.slice(1).sort()).toEqual(site.articles.map((article) => article.path).sort());
  });

  it("inlines the stylesheet on every page so a page renders from its first response", () => {
    for (const path of site.all) {
      const { document } = readPage(distDir, path);
      // Only the print stylesheet is linked, which no paint waits for.
      expect(document.querySelectorAll('link[rel="stylesheet"]:not([media="print"])'), path).toHaveLength(0);
      expect(document.querySelector("head style"), path).not.toBeNull();
    }
  });
});
