import { describe, expect, it } from "vitest";
import { readableText, readingMinutes } from "../../src/article/reading-time";

describe("reading time (Japanese, about 500 characters a minute)", () => {
  it("counts the characters a reader reads, not markup or heading ids", () => {
    const body = [
      "### 冷却期間と必要な距離感 {#cooling-off}",
      "",
      "一度冷却期間を置くことが賢明です。",
      "",
      '<ChecklistPoint section="reasons">背景がある</ChecklistPoint>',
      "- 箇条書き",
    ].join("\n");
    expect(readableText(body)).toBe(
      "冷却期間と必要な距離感一度冷却期間を置くことが賢明です。背景がある箇条書き",
    );
  });

  it("rounds to whole minutes and never says zero", () => {
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(200)).toBe(1);
    expect(readingMinutes(1000)).toBe(2);
    expect(readingMinutes(1300)).toBe(3);
    expect(readingMinutes(1200, 300)).toBe(4);
  });
});
