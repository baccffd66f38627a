import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { articleFolderProblems, checkArticleSlug } from "../../src/article/folders";
import { newestFirst } from "../../src/article/load";

describe("article folder names", () => {
  it("accepts short lowercase ASCII words, which become the article's URL", () => {
    expect(checkArticleSlug("line-koukan")).toBeUndefined();
    expect(checkArticleSlug("a2")).toBeUndefined();
  });

  it("rejects capitals, underscores, Japanese, names over 32 characters and the site's own paths", () => {
    expect(checkArticleSlug("Line_Koukan")).toMatch(/英小文字で始まり/);
    expect(checkArticleSlug("挨拶")).toMatch(/英小文字で始まり/);
    expect(checkArticleSlug("a".repeat(33))).toMatch(/32文字以内/);
    expect(checkArticleSlug("og")).toMatch(/サイトが使う URL/);
    expect(checkArticleSlug("index")).toMatch(/サイトが使う URL/);
  });
});

describe("article folder contents", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const folder = (name: string, files: string[]) => {
    dir ??= mkdtempSync(join(tmpdir(), "articles-"));
    for (const file of files) {
      mkdirSync(join(dir, name, file, ".."), { recursive: true });
      writeFileSync(join(dir, name, file), "");
    }
    return dir;
  };

  it("finds nothing wrong with a lead and at least one section", () => {
    expect(articleFolderProblems(folder("good", ["lead.mdx", "sections/01-a.mdx"]))).toEqual([]);
  });

  it("names the folder that has no lead.mdx, or no sections", () => {
    folder("no-lead", ["sections/01-a.mdx"]);
    const root = folder("no-sections", ["lead.mdx"]);
    const problems = articleFolderProblems(root);
    expect(problems).toHaveLength(2);
    expect(problems.find((p) => p.includes("no-lead"))).toMatch(/lead\.mdx がありません/);
    expect(problems.find((p) => p.includes("no-sections"))).toMatch(/節がありません/);
  });
});

describe("files that are not part of an article", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("are each reported with what to do, instead of being skipped without a word", () => {
    dir = mkdtempSync(join(tmpdir(), "articles-"));
    const write = (path: string) => {
      mkdirSync(join(dir as string, path, ".."), { recursive: true });
      writeFileSync(join(dir as string, path), "");
    };
    for (const path of [
      "good/lead.mdx",
      "good/sections/01-a.mdx",
      "good/section/02-b.mdx",
      "good/notes.md",
      "good/sections/03-c.md",
      "good/sections/old/04-d.mdx",
      "good/memo.txt",
      "stray.mdx",
      "good/.DS_Store",
      "good/sections/.01-a.mdx.swp",
    ])
      write(path);
    const problems = articleFolderProblems(dir);
    const about = (path: string) => problems.find((problem) => problem.startsWith(join(dir as string, path)));
    expect(about("good/section")).toMatch(/sections です/);
    expect(about("good/notes.md")).toMatch(/拡張子は \.mdx/);
    expect(about("good/sections/03-c.md")).toMatch(/拡張子は \.mdx/);
    expect(about("good/sections/old")).toMatch(/公開されません/);
    expect(about("good/memo.txt")).toMatch(/公開されません/);
    expect(about("stray.mdx")).toMatch(/記事ごとのフォルダだけ/);
    // Hidden files are the system's, and a valid article has nothing else to report.
    expect(problems).toHaveLength(6);
  });
});

describe("the order of articles", () => {
  const article = (title: string, published?: string) => ({
    lead: { title, published: published ? new Date(published) : undefined },
  });

  it("is newest first, with undated articles after dated ones, by title", () => {
    const sorted = [
      article("い", undefined),
      article("古い記事", "2026-01-01"),
      article("あ", undefined),
      article("新しい記事", "2026-11-20"),
    ].sort(newestFirst);
    expect(sorted.map((a) => a.lead.title)).toEqual(["新しい記事", "古い記事", "あ", "い"]);
  });
});
