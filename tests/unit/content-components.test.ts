import { mdxToJs } from "satteri";
import { describe, expect, it } from "vitest";
import { articleBodyChecks } from "../../src/article/body-checks";
import { CALLOUT_KINDS } from "../../src/article/content-components";
import { ui } from "../../src/site/ui-strings";

function compile(source: string, file = "sections/01-example.mdx") {
  return mdxToJs(source, {
    mdastPlugins: [articleBodyChecks],
    fileURL: new URL(`file:///site/content/articles/example/${file}`),
  });
}

const FRONTMATTER = "---\ntitle: x\n---\n\n本文。\n\n";
/** The line of the first `<Callout` after FRONTMATTER. */
const CALLOUT_LINE = 7;

describe("callout boxes in a section body", () => {
  it("has a label for every kind an author may write, and only ポイント, 注意 and 補足", () => {
    expect(CALLOUT_KINDS.map((kind) => ui.callout[kind])).toEqual(["ポイント", "注意", "補足"]);
  });

  it("accepts each kind, on one line or holding paragraphs and a list", () => {
    for (const kind of CALLOUT_KINDS) {
      expect(
        () => compile(`${FRONTMATTER}<Callout kind="${kind}">一行の補足です。</Callout>\n`),
        kind,
      ).not.toThrow();
      expect(
        () =>
          compile(`${FRONTMATTER}<Callout kind="${kind}">\n  段落です。\n\n  - 項目\n  - 項目\n</Callout>\n`),
        kind,
      ).not.toThrow();
    }
  });

  it("rejects an unknown kind at its file and line, listing the kinds there are", () => {
    expect(() => compile(`${FRONTMATTER}<Callout kind="tip">本文。</Callout>\n`)).toThrow(
      /01-example\.mdx:7: <Callout> の種類 kind="tip" は使えません。.*kind="point"（ポイント）、kind="warning"（注意）、kind="note"（補足）/,
    );
  });

  it("rejects a kind left out or written as an expression, which the build cannot check", () => {
    for (const callout of ["<Callout>本文。</Callout>", '<Callout kind={"note"}>本文。</Callout>']) {
      expect(() => compile(`${FRONTMATTER}${callout}\n`), callout).toThrow(
        new RegExp(`01-example\\.mdx:${CALLOUT_LINE}: <Callout> には種類を kind="…" のように文字列で`),
      );
    }
  });

  it("rejects an empty box: self-closing, only white space, or only an MDX comment", () => {
    for (const callout of [
      '<Callout kind="note" />',
      '<Callout kind="note"></Callout>',
      '<Callout kind="note">\n\n</Callout>',
      '<Callout kind="note">\n  {/* あとで書く */}\n</Callout>',
    ]) {
      expect(() => compile(`${FRONTMATTER}${callout}\n`), callout).toThrow(
        new RegExp(`01-example\\.mdx:${CALLOUT_LINE}: <Callout kind="note"> の中身が空です。`),
      );
    }
  });

  it("accepts a box whose expression renders something, next to a comment", () => {
    expect(() =>
      compile(`${FRONTMATTER}<Callout kind="note">\n  {/* メモ */}\n  {"本文"}\n</Callout>\n`),
    ).not.toThrow();
  });

  it("rejects a box in the lead, which renders only paragraphs", () => {
    expect(() => compile(`${FRONTMATTER}<Callout kind="note">補足です。</Callout>\n`, "lead.mdx")).toThrow(
      /lead\.mdx:7: <Callout> は節の本文（sections\/ の中のファイル）でだけ使えます。/,
    );
  });

  it("rejects a box in the middle of a sentence, where it would split the paragraph", () => {
    expect(() => compile(`${FRONTMATTER}文の途中に<Callout kind="note">補足</Callout>です。\n`)).toThrow(
      /01-example\.mdx:7: <Callout> は文の途中には書けません。/,
    );
  });
});

describe("pictures in a section body", () => {
  const section = "sections/01-example.mdx";
  it("refuses a <Figure> without alt, unless it is marked decorative, and one with both", () => {
    expect(() => compile(`${FRONTMATTER}<Figure src="../images/x.png" />\n`, section)).toThrow(/alt="…"/);
    expect(() => compile(`${FRONTMATTER}<Figure src="../images/x.png" alt="  " />\n`, section)).toThrow(
      /decorative/,
    );
    expect(() =>
      compile(`${FRONTMATTER}<Figure src="../images/x.png" alt="説明" decorative />\n`, section),
    ).toThrow(/両方/);
  });

  it("refuses a path outside the article's images/ folder, and a picture inside a sentence or a list", () => {
    expect(() =>
      compile(`${FRONTMATTER}<Figure src="https://example.com/x.png" alt="説明" />\n`, section),
    ).toThrow(/src="\.\.\/images\//);
    expect(() => compile(`${FRONTMATTER}![説明](https://example.com/x.png)\n`, section)).toThrow(/images\//);
    expect(() => compile(`${FRONTMATTER}文の途中に![説明](../images/x.png)があります。\n`, section)).toThrow(
      /文の途中/,
    );
    expect(() => compile(`${FRONTMATTER}- ![説明](../images/x.png)\n`, section)).toThrow(/箇条書きやリンク/);
  });

  it("names a missing file, and a picture in the lead, at its line", () => {
    expect(() => compile(`${FRONTMATTER}![説明](../images/x.png)\n`, section)).toThrow(
      /01-example\.mdx:7: 画像「\.\.\/images\/x\.png」が見つかりません/,
    );
    expect(() => compile(`${FRONTMATTER}<Figure src="../images/x.png" alt="説明" />\n`, "lead.mdx")).toThrow(
      /<Figure> は節の本文/,
    );
  });
});

describe("pictures written in a way that would fail later", () => {
  const section = "sections/01-example.mdx";
  it("refuses decorative with a value, and a <Figure> inside a sentence", () => {
    expect(() =>
      compile(`${FRONTMATTER}<Figure src="../images/x.png" decorative={false} />\n`, section),
    ).toThrow(/decorative とだけ/);
    expect(() =>
      compile(`${FRONTMATTER}文の途中に<Figure src="../images/x.png" alt="説明" />です。\n`, section),
    ).toThrow(/<Figure> は文の途中/);
  });
});
