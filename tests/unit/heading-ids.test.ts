import { mdxToJs } from "satteri";
import { describe, expect, it } from "vitest";
import { articleBodyChecks } from "../../src/article/body-checks";
import { checkBodyHeading, HEADING_ID_PATTERN } from "../../src/article/heading-ids";

function compile(source: string) {
  return mdxToJs(source, {
    mdastPlugins: [articleBodyChecks],
    features: { headingAttributes: true },
    fileURL: new URL("file:///site/content/sections/01-example.mdx"),
  });
}

describe("heading ids chosen in the content", () => {
  it("accepts an h3 with a short ASCII id written as {#id}", () => {
    expect(checkBodyHeading({ depth: 3, text: "冷却期間と必要な距離感", id: "cooling-off" })).toBeUndefined();
    expect(() => compile("### 冷却期間と必要な距離感 {#cooling-off}\n\n本文。\n")).not.toThrow();
  });

  it("rejects a heading without an id, naming the file, the line and how to fix it", () => {
    expect(() => compile("---\ntitle: x\n---\n\n本文。\n\n### 冷却期間と必要な距離感\n")).toThrow(
      /01-example\.mdx:7: 見出し「冷却期間と必要な距離感」に id がありません。.*\{#english-words\}/,
    );
  });

  it("rejects ids that are not lowercase ASCII words", () => {
    for (const id of ["冷却期間", "Cooling", "1st", "cooling_off", "-x"]) {
      expect(HEADING_ID_PATTERN.test(id), id).toBe(false);
      expect(checkBodyHeading({ depth: 3, text: "見出し", id }), id).toMatch(/使えません/);
    }
  });

  it("rejects body headings other than h3, since the section's h2 comes from its title", () => {
    expect(() => compile("## 節の見出し {#section}\n")).toThrow(/h2 です/);
    expect(() => compile("#### 小見出し {#small}\n")).toThrow(/h4 です/);
  });
});
