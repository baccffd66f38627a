import { describe, expect, it } from "vitest";
import { isoDate, japaneseDate, shownModified } from "../../src/lib/dates";
import { relatedArticles, type RelatedCandidate } from "../../src/article/related";

describe("content dates", () => {
  it("writes the day of the frontmatter, as datetime and in Japanese, whatever the machine's zone", () => {
    const date = new Date("2026-01-05"); // what YAML's 2026-01-05 becomes: midnight UTC
    expect(isoDate(date)).toBe("2026-01-05");
    expect(japaneseDate(date)).toBe("2026年1月5日");
  });

  it("shows 更新日 only for a later day than 公開日", () => {
    const published = new Date("2026-11-20");
    expect(shownModified(published, new Date("2026-11-28"))).toEqual(new Date("2026-11-28"));
    expect(shownModified(published, new Date("2026-11-20"))).toBeUndefined();
    expect(shownModified(published, undefined)).toBeUndefined();
    expect(shownModified(undefined, new Date("2026-11-28"))).toBeUndefined();
  });
});

describe("what to read next", () => {
  const article = (slug: string, published: string | undefined, tags: string[]): RelatedCandidate => ({
    slug,
    lead: {
      title: slug,
      published: published === undefined ? undefined : new Date(published),
      tags: tags.map((tag) => ({ slug: tag })),
    },
  });
  const current = article("current", "2026-10-01", ["relationships", "line"]);
  const all = [
    current,
    article("newest-untagged", "2026-12-01", []),
    article("old-one-tag", "2025-01-01", ["line"]),
    article("both-tags", "2024-01-01", ["line", "relationships"]),
    article("new-one-tag", "2026-06-01", ["relationships"]),
    article("undated", undefined, ["line"]),
  ];

  it("offers three others: those sharing more tags first, then the newest", () => {
    expect(relatedArticles(current, all).map((other) => other.slug)).toEqual([
      "both-tags",
      "new-one-tag",
      "old-one-tag",
    ]);
  });

  it("falls back to the newest when no tag is shared, and offers nothing when there is no other", () => {
    const untagged = article("untagged", "2026-10-01", []);
    expect(relatedArticles(untagged, [untagged, ...all.slice(1)]).map((other) => other.slug)).toEqual([
      "newest-untagged",
      "new-one-tag",
      "old-one-tag",
    ]);
    expect(relatedArticles(current, [current])).toEqual([]);
  });
});
