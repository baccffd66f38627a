import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIST_SIZES } from "../../src/site/settings";
import { overBudget } from "../support/budgets";
import { builtPages, readPage } from "../support/built-site";
import { buildEnvironment } from "../support/project-copy";
import { publicationProject, type PublicationProject } from "../tools/bench/scale";

/**
 * Lists that do not grow with the site, on a build with more articles than one page holds: the
 * bench's numbered copies of the first article, all sharing its tags.
 */
const ARTICLES = LIST_SIZES.feed + 3;
let project: PublicationProject | undefined;
let distDir = "";

beforeAll(async () => {
  project = await publicationProject(ARTICLES);
  execFileSync(process.execPath, [resolve(project.dir, "node_modules/astro/bin/astro.mjs"), "build"], {
    cwd: project.dir,
    env: buildEnvironment(),
    stdio: ["ignore", "ignore", "inherit"],
  });
  distDir = join(project.dir, "dist");
}, 300_000);

afterAll(async () => {
  await project?.remove();
});

/** The articles a list page links to, in order: the titles' links of the list's items. */
function listedArticles(path: string, itemSelector: string): string[] {
  const { document } = readPage(distDir, path);
  return [...document.querySelectorAll(itemSelector)].map((link) => link.getAttribute("href") ?? "");
}

const pageCount = Math.ceil(ARTICLES / LIST_SIZES.perPage);

describe(`lists on a site of ${ARTICLES} articles`, () => {
  it(`the home page and /page/2/ … list ${LIST_SIZES.perPage} articles each, every article once, newest first`, () => {
    const pages = Array.from({ length: pageCount }, (_, index) =>
      index === 0 ? "/" : `/page/${index + 1}/`,
    );
    const listed = pages.map((path) => listedArticles(path, "main article h3 a"));
    expect(listed.map((links) => links.length)).toEqual(
      pages.map((_, index) => Math.min(LIST_SIZES.perPage, ARTICLES - index * LIST_SIZES.perPage)),
    );
    expect(new Set(listed.flat()).size).toBe(ARTICLES);
    // Newest first across pages: the feed (newest first) starts with the same articles.
    const feed = readFileSync(join(distDir, "feed.xml"), "utf8");
    const feedOrder = [...feed.matchAll(/<link>https?:\/\/[^/]+(\/[^<]*)<\/link>/g)].map((match) => match[1]);
    expect(listed.flat().slice(0, 5)).toEqual(feedOrder.filter((path) => path !== "/").slice(0, 5));
    expect(builtPages(distDir)).not.toContain("/page/1/");
  });

  it("names each page, marks the current one and links the others by number, previous and next", () => {
    const { document } = readPage(distDir, "/page/2/");
    const nav = document.querySelector('nav[aria-label="ページ送り"]');
    expect(nav).not.toBeNull();
    expect(nav?.querySelector('[aria-current="page"]')?.textContent).toContain("2ページ目");
    const links = [...(nav?.querySelectorAll("a") ?? [])].map((link) => link.getAttribute("href"));
    expect(links).toEqual(expect.arrayContaining(["/", "/page/3/"]));
    expect(nav?.querySelector('a[rel="prev"]')?.getAttribute("href")).toBe("/");
    expect(nav?.querySelector('a[rel="next"]')?.getAttribute("href")).toBe("/page/3/");
    expect(document.querySelector("title")?.textContent).toContain(`（2/${pageCount}ページ）`);
    expect(document.querySelector('link[rel="canonical"]')?.getAttribute("href")).toMatch(/\/page\/2\/$/);
  });

  it("a tag's page and its later pages split the tag's articles the same way", () => {
    const tagPages = builtPages(distDir).filter((path) => /^\/tags\/[^/]+\/$/.test(path));
    expect(tagPages.length).toBeGreaterThan(0);
    for (const first of tagPages) {
      const pages = Array.from({ length: pageCount }, (_, index) =>
        index === 0 ? first : `${first}page/${index + 1}/`,
      );
      const listed = pages.map((path) => listedArticles(path, "main li > a.font-bold"));
      expect(new Set(listed.flat()).size, first).toBe(ARTICLES);
      expect(listed[0]?.length, first).toBe(LIST_SIZES.perPage);
    }
  });

  it(`the 404 page lists the newest ${LIST_SIZES.notFoundPage}, the feed the newest ${LIST_SIZES.feed}`, () => {
    expect(listedArticles("/404.html", "main nav li a")).toHaveLength(LIST_SIZES.notFoundPage);
    const feed = readFileSync(join(distDir, "feed.xml"), "utf8");
    expect(feed.match(/<item>/g)).toHaveLength(LIST_SIZES.feed);
  });

  it("every page stays within the byte budgets that hold for a site of two articles", () => {
    expect(overBudget(distDir)).toEqual([]);
  });
});
