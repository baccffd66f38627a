import { describe, expect, it } from "vitest";
import { bestPart, type ResultData, type SubResult } from "../../src/scripts/search-results";

const sub = (title: string, url: string, scores: number[], anchor = true): SubResult => ({
  title,
  url,
  excerpt: `…${title}…`,
  weighted_locations: scores.map((balanced_score) => ({ balanced_score })),
  ...(anchor && { anchor: { id: url.split("#")[1] ?? "" } }),
});

const result = (subResults: SubResult[]): ResultData => ({
  url: "/line-koukan/responses/",
  excerpt: "page excerpt",
  content: "",
  meta: { title: "LINE交換を断られたときの適切な対応法" },
  sub_results: subResults,
});

describe("where a search result links", () => {
  it("to the heading whose words match best, with its fragment, title and excerpt", () => {
    const part = bestPart(
      result([
        sub("気まずさを和らげる方法", "/line-koukan/responses/#easing-awkwardness", [1]),
        sub("冷却期間と必要な距離感", "/line-koukan/responses/#cooling-off", [2, 3]),
      ]),
    );
    expect(part).toEqual({
      url: "/line-koukan/responses/#cooling-off",
      heading: "冷却期間と必要な距離感",
      excerpt: "…冷却期間と必要な距離感…",
    });
  });

  it("to the page itself when the best match is above its first heading", () => {
    const part = bestPart(
      result([
        sub("LINE交換を断られたときの適切な対応法", "/line-koukan/responses/", [5], false),
        sub("冷却期間と必要な距離感", "/line-koukan/responses/#cooling-off", [1]),
      ]),
    );
    expect(part.url).toBe("/line-koukan/responses/");
    expect(part.heading).toBeUndefined();
  });

  it("to the page, with the page's excerpt, when Pagefind gives no parts", () => {
    expect(bestPart(result([]))).toEqual({
      url: "/line-koukan/responses/",
      heading: undefined,
      excerpt: "page excerpt",
    });
  });
});
