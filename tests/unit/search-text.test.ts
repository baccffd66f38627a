import { describe, expect, it } from "vitest";
import { joinSplitText, queryStem, splitForSearch, splitQuery } from "../../src/lib/search-text";
import { indexedCopy } from "../../src/build/search-index";
import { readableExcerpt, searchedFor } from "../../src/scripts/search-results";

describe("Japanese as site search reads it", () => {
  const text = "冷却期間と必要な距離感。LINE交換を断られたら、メールや業務用チャットを使いましょう。";

  it("sets every kanji and kana apart, and leaves Latin words whole", () => {
    expect(splitForSearch("冷却期間とLINE").split(/\s+/).filter(Boolean)).toEqual([
      "冷",
      "却",
      "期",
      "間",
      "と",
      "LINE",
    ]);
    expect(splitForSearch("コミュニケーション")).toMatch(/^ コ {2}ミ {2}ュ/);
  });

  it("gives the text back as written, also from an excerpt with its matches in <mark>", () => {
    expect(joinSplitText(splitForSearch(text).replace(/\s+/g, " ").trim())).toBe(text);
    expect(joinSplitText("の <mark>冷</mark> <mark>却</mark> 期 間 と LINE 交 換")).toBe(
      "の<mark>冷却</mark>期間とLINE交換",
    );
  });

  it("splits a query the same way, folding what phones type (full-width Latin, half-width kana)", () => {
    expect(splitQuery("冷却期間")).toBe("冷 却 期 間");
    expect(splitQuery("ＬＩＮＥ交換")).toBe("LINE 交 換");
    expect(splitQuery("ﾗﾝﾁ")).toBe("ラ ン チ");
    expect(splitQuery("  ")).toBe("");
  });

  it("finds the stem of a dictionary form, and nothing for other queries", () => {
    expect(queryStem("焦る")).toBe("焦");
    expect(queryStem("築く")).toBe("築");
    expect(queryStem("気まずい")).toBe("気まず");
    expect(queryStem("続ける")).toBe("続け");
    for (const query of ["断られた", "LINE", "挨拶", "ランチ", "ある"])
      expect(queryStem(query), query).toBeUndefined();
  });
});

describe("excerpts in Japanese", () => {
  const content =
    "再アプローチのタイミングと注意点。再び連絡先交換を持ち掛ける時はタイミングが非常に重要で、まず以前よりも明らかに親しい関係になっていることが前提となります。";

  it("marks a cut with 「…」 and cuts only between words", () => {
    const excerpt = splitForSearch(
      "び連絡先交換を持ち掛ける時は<mark>タイミング</mark>が非常に重要で、まず以前よ",
    );
    const readable = readableExcerpt(excerpt, content);
    expect(readable.startsWith("…")).toBe(true);
    expect(readable.endsWith("…")).toBe(true);
    expect(readable).toContain("<mark>タイミング</mark>");
    // 再び is one word: the excerpt does not begin with its tail.
    expect(readable).not.toMatch(/^…び/);
  });

  it("adds no 「…」 where a part begins with its heading or ends a sentence", () => {
    const excerpt = splitForSearch(
      "再び連絡先交換を持ち掛ける時はタイミングが非常に重要で、まず以前よりも明らかに親しい関係になっていることが前提となります。",
    );
    expect(readableExcerpt(excerpt, content)).toBe(
      "再び連絡先交換を持ち掛ける時はタイミングが非常に重要で、まず以前よりも明らかに親しい関係になっていることが前提となります。",
    );
  });
});

describe("what an excerpt marks", () => {
  it("the query, its stem or a piece of it, not its characters standing elsewhere", () => {
    const excerpt = splitForSearch("焦らず<mark>自</mark>信を<mark>自</mark><mark>然</mark>体で");
    expect(readableExcerpt(excerpt, "焦らず自信を自然体で", searchedFor("自然"))).toBe(
      "焦らず自信を<mark>自然</mark>体で",
    );
    expect(searchedFor("焦る")("焦")).toBe(true);
    expect(searchedFor("社内チャット")("チャット")).toBe(true);
    expect(searchedFor("社内チャット")("社")).toBe(false);
    expect(searchedFor("絆")("絆")).toBe(true);
    expect(searchedFor("LINE")("line")).toBe(true);
  });
});

describe("the indexed copy of a page", () => {
  it("keeps a title holding > or < whole, as text of its own heading", () => {
    const html =
      '<main><div data-pagefind-body data-search-title="A &gt; B <c>">本文です。</div></main>'.replace(
        "&gt;",
        ">",
      );
    const copy = indexedCopy(html);
    expect(copy).toContain('data-search-title="A > B <c>">A &gt; B &lt;c&gt;</h1>');
    expect(copy).toContain(" 本  文 ");
  });

  it("holds the indexed element alone, inside the tags that carry its meta", () => {
    const html = [
      "<html><head><style>p>a{}</style></head><body><header>サイト名</header><main>",
      '<article data-pagefind-meta="title[data-search-title]" data-search-title="題" class="x">',
      "<h1>題</h1><div data-pagefind-body><div><p>本文</p></div><p>続き</p></div>",
      "<section><p>次の節</p></section></article></main><footer>フッター</footer></body></html>",
    ].join("");
    const copy = joinSplitText(indexedCopy(html));
    expect(copy.replace(/<[^>]+>/g, "")).toBe("題。本文続き");
    expect(copy).toMatch(/^<!DOCTYPE html><html><head><\/head><body><article data-pagefind-meta=[^>]*>/);
    expect(copy).toMatch(/<p>続き<\/p><\/div><\/article><\/body><\/html>$/);
  });

  it("ends the indexed element where it ends, past comments and scripts, with only its ancestors' meta", () => {
    const html = [
      '<main><p data-pagefind-filter="tag">タグ</p>',
      '<article data-pagefind-meta="title[data-search-title]" data-search-title="題">',
      "<div data-pagefind-body><!-- </div> --><script>if (a</div>) {}</script><p>本文</p>",
      '<svg><path d="M0"/></svg><div><p>続き</p></div></div>',
      "<p>後の文</p></article></main>",
    ].join("");
    const copy = joinSplitText(indexedCopy(html));
    expect(copy).toContain("<p>続き</p></div></div></article></body>");
    expect(copy).not.toContain("後の文");
    expect(copy).not.toContain("data-pagefind-filter");
    expect(() => indexedCopy("<main><div data-pagefind-body><p>本文</p></main>")).toThrow(/no end/);
  });

  it("ends a list item's own text before a list nested in it", () => {
    const copy = joinSplitText(
      indexedCopy("<main><div data-pagefind-body><ul><li>親<ul><li>子</li></ul></li></ul></div></main>"),
    );
    expect(copy.replace(/<[^>]+>/g, "")).toContain("親。子。");
  });
});
