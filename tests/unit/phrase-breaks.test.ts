import { describe, expect, it } from "vitest";
import {
  htmlToText,
  keepKinsoku,
  phraseBreakFragment,
  phraseBreakHtml,
  splitPhrases,
} from "../../src/lib/phrase-breaks";

describe("BudouX phrase breaks written at build time", () => {
  it("puts a <wbr> exactly at each phrase boundary of a heading and nowhere inside a phrase", () => {
    const heading = "LINE交換を断られたときの適切な対応法";
    const phrases = splitPhrases(heading);
    expect(phrases).toEqual(["LINE交換を", "断られた", "ときの", "適切な", "対応法"]);
    const html = phraseBreakHtml(heading);
    expect(html).toBe("LINE交換を<wbr>断られた<wbr>ときの<wbr>適切な<wbr>対応法");
    expect(html.split("<wbr>")).toEqual(phrases);
  });

  it("keeps the text itself unchanged", () => {
    for (const text of ["交換を断られても諦めないために", "まとめ", "冷却期間と必要な距離感"]) {
      expect(phraseBreakHtml(text).replaceAll("<wbr>", "")).toBe(text);
    }
  });

  it("escapes HTML in the text", () => {
    expect(phraseBreakHtml("A<B & C")).not.toMatch(/<B|& /);
  });

  it("adds breaks only between tags of an HTML fragment, never inside a tag or an entity", () => {
    const html = phraseBreakFragment('<span class="x">断られたときの対応法</span>&amp;まとめ');
    expect(html.startsWith('<span class="x">')).toBe(true);
    expect(html).toContain("&amp;");
    expect(html.replaceAll("<wbr>", "")).toBe('<span class="x">断られたときの対応法</span>&amp;まとめ');
    expect(html).toContain("断られた<wbr>ときの<wbr>対応法");
  });

  it("gives nothing for empty text", () => {
    expect(phraseBreakHtml("")).toBe("");
  });
});

describe("kinsoku", () => {
  it("moves what may not start or end a line to the neighbouring piece", () => {
    expect(keepKinsoku(["分", "、断られた", "「", "理由", "」"])).toEqual(["分、", "断られた", "「理由」"]);
  });
});

describe("htmlToText", () => {
  it("gives the plain text of a rendered heading: no tags, entities decoded", () => {
    expect(htmlToText("LINE<wbr>交換 &amp; <span>職場</span> &lt;3 &quot;x&quot; &#39;y&#39;")).toBe(
      "LINE交換 & 職場 <3 \"x\" 'y'",
    );
  });
});
