import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, inject, it } from "vitest";
import { SEARCH_PATH, SEARCH_QUERY_PARAM } from "../../src/article/urls";
import { pagePolicy } from "../../src/build/page-pass";
import { joinSplitText } from "../../src/lib/search-text";
import { siteSettings } from "../../src/site/settings";
import { ui } from "../../src/site/ui-strings";
import { readPage } from "../support/built-site";
import { MANUSCRIPT_ARTICLE, sitePages } from "../support/site";
import { headersFor, parseHeaderRules } from "../support/static-server";

const distDir = inject("distDir");
const site = sitePages(distDir);
const bundle = join(distDir, "pagefind");

interface IndexedPage {
  url: string;
  content: string;
  meta: Record<string, string>;
  anchors: { id: string }[];
}

/**
 * Every page in the index as Pagefind stores it: one fragment per page, gzip, a 12-byte
 * signature (`pagefind_dcd`) and then JSON. Reading the stored text is the only exact way to see
 * what was indexed; a search for a word could also match a fragment of another word.
 */
function indexedPages(): IndexedPage[] {
  const dir = join(bundle, "fragment");
  return readdirSync(dir).map((file) => {
    const raw = gunzipSync(readFileSync(join(dir, file)));
    const signature = raw.subarray(0, 12).toString();
    if (signature !== "pagefind_dcd") throw new Error(`${file}: not a Pagefind fragment (${signature})`);
    const page = JSON.parse(raw.subarray(12).toString("utf8")) as IndexedPage;
    // The index holds each kanji and kana as a word (src/lib/search-text.ts): joined back here.
    return { ...page, content: joinSplitText(page.content) };
  });
}

describe("the search index (Pagefind, written by the post-build step)", () => {
  it("is written to dist/pagefind with its browser code, one index that Pagefind neither segments nor stems", () => {
    for (const file of ["pagefind.js", "pagefind-worker.js", "pagefind-entry.json"])
      expect(existsSync(join(bundle, file)), file).toBe(true);
    const entry = JSON.parse(readFileSync(join(bundle, "pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { page_count: number }>;
    };
    expect(Object.keys(entry.languages)).toEqual(["und"]);
    expect(entry.languages["und"]?.page_count).toBe(site.sections.length + site.articles.length);
  });

  const pages = indexedPages();

  const articlePaths = site.articles.map((article) => article.path);

  it("holds every section page and every full article (for its lead), and nothing else: not home, 404 or search", () => {
    expect(pages.map((page) => page.url).sort()).toEqual([...site.sections, ...articlePaths].sort());
  });

  it("gives each full article's lead the article's title, and none of its sections' text", () => {
    for (const path of articlePaths) {
      const page = pages.find((candidate) => candidate.url === path);
      const { document } = readPage(distDir, path);
      expect(page?.meta["title"], path).toBe(document.querySelector("h1")?.textContent?.trim());
      expect(page?.meta["article"], path).toBeUndefined();
      expect(page?.anchors, path).toEqual([]);
    }
  });

  it("gives each result its section title and article title, as the section page shows them", () => {
    for (const page of pages.filter((candidate) => site.sections.includes(candidate.url))) {
      const { document } = readPage(distDir, page.url);
      const h1 = document.querySelector("h1")?.textContent?.trim();
      const article = readPage(distDir, `/${page.url.split("/")[1]}/`).document.querySelector("h1");
      expect(page.meta["title"], page.url).toBe(h1);
      expect(page.meta["article"], page.url).toBe(article?.textContent?.trim());
    }
  });

  it("keeps the headings' ids, so a result can point at the heading it is under", () => {
    const responses = pages.find((page) => page.url === `${MANUSCRIPT_ARTICLE}responses/`);
    expect(responses?.anchors.map((anchor) => anchor.id)).toContain("cooling-off");
    expect(responses?.content).toContain("冷却期間と必要な距離感");
  });

  it("holds the article's text only: none of the words the site adds around it", () => {
    const siteWords = [
      siteSettings.name,
      ui.toc.title,
      ui.share.heading,
      ui.share.copy,
      ui.share.services.line,
      ui.breadcrumb.home,
      ui.section.readFullArticle,
      ui.section.previous,
      ui.section.next,
      ui.checklist.hint,
      ui.checklist.reset,
      ui.checklist.readSection,
      ui.heading.shareFallbackLabel,
      // A heading's link reads #; the fixture's 補足 box is labelled 補足.
      "#",
      ui.callout.note,
      ui.readingTime.section(1).slice(0, 4),
    ];
    const pageText = site.sections.map((path) => readPage(distDir, path).document.body.textContent ?? "");
    for (const word of siteWords)
      expect(
        pageText.some((text) => text.includes(word)),
        `${word} is on the section pages, so leaving it out is the indexer's doing`,
      ).toBe(true);
    for (const page of pages) {
      const found = siteWords.filter((word) => page.content.includes(word));
      expect(found, page.url).toEqual([]);
    }
  });
});

describe("Content Security Policy: WebAssembly on the search page only", () => {
  const rules = parseHeaderRules(readFileSync(join(distDir, "_headers"), "utf8"));

  it("allows 'wasm-unsafe-eval' in the search page's script-src, in its <meta> and its _headers rule", () => {
    const meta = pagePolicy(readPage(distDir, SEARCH_PATH).html) ?? "";
    expect(/script-src [^;]*'wasm-unsafe-eval'/.test(meta), meta).toBe(true);
    const header = headersFor(rules, SEARCH_PATH)["content-security-policy"] ?? "";
    expect(/script-src [^;,]*'wasm-unsafe-eval'/.test(header), header).toBe(true);
  });

  it("allows it on no other page, in neither the <meta> nor the headers a host sends", () => {
    for (const path of [...site.all.filter((path) => path !== SEARCH_PATH), "/no-such-page/"]) {
      if (path !== "/no-such-page/")
        expect(pagePolicy(readPage(distDir, path).html), path).not.toContain("wasm-unsafe-eval");
      expect(headersFor(rules, path)["content-security-policy"], path).not.toContain("wasm-unsafe-eval");
    }
    expect(readFileSync(join(distDir, "_headers"), "utf8").match(/wasm-unsafe-eval/g)).toHaveLength(1);
  });

  it("lets only the pages with a search form send it, and only to this site", () => {
    for (const path of site.all) {
      const policy = pagePolicy(readPage(distDir, path).html) ?? "";
      const hasForm = readPage(distDir, path).document.querySelector(`form[action="${SEARCH_PATH}"]`);
      expect(policy, path).toContain(hasForm ? "form-action 'self'" : "form-action 'none'");
      expect(policy, path).not.toMatch(/'none' '|' 'none'/);
    }
  });
});

describe("the way to search from every page", () => {
  it("links the search page from every page's footer", () => {
    for (const path of site.all) {
      const link = readPage(distDir, path).document.querySelector(`footer a[href="${SEARCH_PATH}"]`);
      expect(link?.textContent?.trim(), path).toBe(ui.search.link);
    }
  });

  it("has a labelled search field on the home page and the search page, a GET form to the search page", () => {
    for (const path of ["/", SEARCH_PATH]) {
      const { document } = readPage(distDir, path);
      const form = document.querySelector(`search form[action="${SEARCH_PATH}"]`);
      expect(form?.getAttribute("method"), path).toBe("get");
      const field = form?.querySelector(`input[type="search"][name="${SEARCH_QUERY_PARAM}"]`);
      expect(field, path).not.toBeNull();
      expect(document.querySelector(`label[for="${field?.id}"]`)?.textContent?.trim(), path).toBe(
        ui.search.fieldLabel,
      );
      expect(form?.querySelector('button[type="submit"]')?.textContent?.trim(), path).toBe(ui.search.submit);
    }
  });

  it("keeps the search page out of search engines' indexes (noindex; build/sharing checks it is not in the sitemap)", () => {
    const { document } = readPage(distDir, SEARCH_PATH);
    expect(document.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex");
  });
});
