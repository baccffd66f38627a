import { describe, expect, it } from "vitest";
import { buildOutline, buildToc, neighbours, type OutlineSectionInput } from "../../src/article/outline";

const section = (order: number, slug: string, headingIds: string[] = []): OutlineSectionInput => ({
  file: `content/sections/${slug}.mdx`,
  order,
  slug,
  title: `見出し ${slug}`,
  headings: headingIds.map((id) => ({ depth: 3, slug: id, text: `小見出し ${id}` })),
});

describe("buildOutline", () => {
  it("sorts sections by order, not by file name", () => {
    const sorted = buildOutline([section(2, "b"), section(1, "a"), section(3, "c")]);
    expect(sorted.map((s) => s.slug)).toEqual(["a", "b", "c"]);
  });

  it("rejects two sections with the same order, naming both files", () => {
    expect(() => buildOutline([section(1, "a"), section(1, "b")])).toThrow(
      /content\/sections\/b\.mdx: order 1 は content\/sections\/a\.mdx と重なっています/,
    );
  });

  it("rejects a heading id used twice across the article, since / shows every section", () => {
    expect(() => buildOutline([section(1, "a", ["tips"]), section(2, "b", ["tips"])])).toThrow(
      /id「tips」は content\/sections\/a\.mdx の見出し/,
    );
  });

  it("rejects a heading id equal to another section's slug", () => {
    expect(() => buildOutline([section(1, "a"), section(2, "b", ["a"])])).toThrow(/id「a」/);
  });

  it("rejects ids the page templates use themselves", () => {
    expect(() => buildOutline([section(1, "checklist")])).toThrow(/ページのテンプレート/);
  });

  it("rejects an empty article", () => {
    expect(() => buildOutline([])).toThrow(/節が一つもありません/);
  });
});

describe("buildToc", () => {
  const sections = buildOutline([
    section(1, "reasons", ["psychology"]),
    section(2, "responses", ["cooling-off"]),
  ]);

  it("links every h2 and h3 in-page on the full article", () => {
    const toc = buildToc("a", sections, { page: "article", article: "a" });
    expect(toc.map((e) => [e.href, e.children.map((c) => c.href)])).toEqual([
      ["#reasons", ["#psychology"]],
      ["#responses", ["#cooling-off"]],
    ]);
    expect(toc.some((e) => e.current)).toBe(false);
  });

  it("links other sections' pages from a section page and marks the current section", () => {
    const toc = buildToc("a", sections, { page: "section", article: "a", slug: "responses" });
    expect(toc.map((e) => [e.href, e.current, e.children.map((c) => c.href)])).toEqual([
      ["/a/reasons/", false, ["/a/reasons/#psychology"]],
      ["#responses", true, ["#cooling-off"]],
    ]);
  });

  it("keeps the author's heading text", () => {
    const toc = buildToc("a", sections, { page: "article", article: "a" });
    expect(toc[0]?.text).toBe("見出し reasons");
    expect(toc[0]?.children[0]?.text).toBe("小見出し psychology");
  });
});

describe("neighbours", () => {
  const sections = [{ slug: "a" }, { slug: "b" }, { slug: "c" }];
  it("gives no previous section for the first and no next for the last", () => {
    expect(neighbours(sections, "a")).toEqual({ previous: undefined, next: { slug: "b" } });
    expect(neighbours(sections, "c")).toEqual({ previous: { slug: "b" }, next: undefined });
  });
  it("throws for a section that does not exist", () => {
    expect(() => neighbours(sections, "x")).toThrow(/x/);
  });
});

describe("ids the templates keep for themselves", () => {
  it("are refused as heading ids, including the checklist's point-<slug> boxes", () => {
    expect(() => buildOutline([section(1, "reasons", ["share-status"])])).toThrow(/share-status/);
    expect(() => buildOutline([section(1, "reasons", ["point-reasons"])])).toThrow(/point-/);
  });
});
