import { describe, expect, it } from "vitest";
import {
  htmlToText,
  keepKinsoku,
  phraseBreakFragment,
  phraseBreakHtml,
  splitPhrases,
  splitWords,
  wordBreakFragment,
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

describe("word breaks for running text", () => {
  const LEAD =
    "この記事では職場でLINE交換を断られたときの心理的背景から気まずさを和らげる方法・さらに自然な関係を築いていくための具体的なアプローチまで丁寧に紹介しています。";

  /** Offsets between two pieces. */
  function boundaries(pieces: readonly string[]): number[] {
    let offset = 0;
    return pieces.slice(0, -1).map((piece) => (offset += piece.length));
  }

  it("keeps the text itself unchanged", () => {
    expect(splitWords(LEAD).join("")).toBe(LEAD);
    expect(splitWords("")).toEqual([]);
  });

  it("breaks only between Intl.Segmenter's dictionary words, never inside one (方|法)", () => {
    const segmenter = new Intl.Segmenter("ja", { granularity: "word" });
    const wordBoundaries = new Set(boundaries([...segmenter.segment(LEAD)].map((s) => s.segment)));
    expect(boundaries(splitWords(LEAD)).filter((offset) => !wordBoundaries.has(offset))).toEqual([]);
    expect(splitWords(LEAD)).toContain("方法・");
    expect(splitWords(LEAD)).toContain("アプローチ");
  });

  it("breaks between words, much finer than BudouX's phrases", () => {
    expect(splitPhrases(LEAD)).toContain("方法・さらに");
    expect(splitWords(LEAD).length).toBeGreaterThan(splitPhrases(LEAD).length);
  });

  it("keeps a single kanji or hiragana that ICU returns alone with its word", () => {
    // ICU: 断|ら|れ|た, 下|さい, 安|心して, 具体|的|な, 職場|で
    expect(splitWords("断られた")).toEqual(["断られた"]);
    expect(splitWords("付けて下さい")).toEqual(["付けて", "下さい"]);
    expect(splitWords("安心してください")[0]).toBe("安心して");
    expect(splitWords("具体的なアプローチ")).toEqual(["具体的な", "アプローチ"]);
    expect(splitWords("職場で")).toEqual(["職場で"]);
  });

  it("never lets a line start with closing punctuation or a small kana, nor end with an opening bracket", () => {
    for (const text of [
      LEAD,
      "でも、安心してください！",
      "「断られた」と感じたら（数週間〜1か月）待ちましょう。",
    ]) {
      const words = splitWords(text);
      expect(words.join("")).toBe(text);
      for (const word of words.slice(1)) expect(word).not.toMatch(/^[、。！？）」ぁぃぅぇぉっゃゅょー〜]/u);
      for (const word of words.slice(0, -1)) expect(word).not.toMatch(/[（「]$/u);
    }
  });

  it("adds breaks only between tags of an HTML fragment, never inside a tag or an entity", () => {
    const html = wordBreakFragment('<a href="#x">記事では職場で</a>&amp;紹介しています');
    expect(html.replaceAll("<wbr>", "")).toBe('<a href="#x">記事では職場で</a>&amp;紹介しています');
    expect(html).toContain("記事<wbr>では<wbr>職場で");
    expect(html).toContain("&amp;");
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
