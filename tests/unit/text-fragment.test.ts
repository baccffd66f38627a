import { describe, expect, it } from "vitest";
import {
  buildTextFragment,
  encodeFragmentTerm,
  quoteForSelection,
  splitSentences,
} from "../../src/share/text-fragment";

const paragraph =
  "断られた直後は少なからず気まずい空気が流れるものですが、そんな時こそ気にしていないよという雰囲気を出したり普段通りに振る舞うことが大切です。例えば業務連絡を丁寧にしたり、ちょっとした雑談を交えたりするのも効果的。";

describe("text fragments for quote links", () => {
  it("encodes the directive's own characters and Japanese", () => {
    expect(encodeFragmentTerm("a-b,c&d")).toBe("a%2Db%2Cc%26d");
    expect(encodeFragmentTerm("数週間〜1か月")).toBe(encodeURIComponent("数週間〜1か月"));
    expect(decodeURIComponent(encodeFragmentTerm("気まずさ-最小限,&"))).toBe("気まずさ-最小限,&");
  });

  it("splits Japanese text into sentences, keeping closing brackets", () => {
    expect(splitSentences("「また一緒に○○したいですね」といった軽い声掛け。次です！最後")).toEqual([
      "「また一緒に○○したいですね」といった軽い声掛け。",
      "次です！",
      "最後",
    ]);
  });

  it("widens a selection to the whole sentence, since browsers match on word boundaries", () => {
    const quote = quoteForSelection("雰囲気を出したり", paragraph, paragraph);
    expect(quote).toEqual({
      quote:
        "断られた直後は少なからず気まずい空気が流れるものですが、そんな時こそ気にしていないよという雰囲気を出したり普段通りに振る舞うことが大切です。",
      prefix: undefined,
      suffix: undefined,
    });
  });

  it("covers every sentence a selection touches", () => {
    const quote = quoteForSelection("大切です。例えば", paragraph, paragraph);
    expect(quote?.quote).toBe(paragraph);
  });

  it("adds the previous sentence as a prefix when the quote appears twice on the page", () => {
    const repeated = "大切なのは焦らないこと。";
    const block = `最初の文です。${repeated}`;
    const page = `${repeated}別の段落。${block}`;
    const quote = quoteForSelection("焦らない", block, page);
    expect(quote).toEqual({ quote: repeated, prefix: "最初の文です。", suffix: undefined });
    if (!quote) throw new Error("no quote");
    expect(buildTextFragment(quote)).toBe(
      `#:~:text=${encodeURIComponent("最初の文です。")}-,${encodeURIComponent(repeated)}`,
    );
  });

  it("falls back to the next sentence as a suffix when there is no unique prefix", () => {
    const repeated = "大切なのは焦らないこと。";
    const block = `${repeated}次の文です。`;
    const page = `${repeated}${block}`;
    expect(quoteForSelection("焦らない", block, page)).toEqual({
      quote: repeated,
      prefix: undefined,
      suffix: "次の文です。",
    });
  });

  it("builds a plain fragment for a unique quote", () => {
    expect(buildTextFragment({ quote: "効果的。", prefix: undefined, suffix: undefined })).toBe(
      `#:~:text=${encodeURIComponent("効果的。")}`,
    );
  });

  it("gives nothing for a selection that is not in the block", () => {
    expect(quoteForSelection("どこにもない", paragraph, paragraph)).toBeUndefined();
    expect(quoteForSelection("   ", paragraph, paragraph)).toBeUndefined();
  });
});
