import { describe, expect, it } from "vitest";
import { collections } from "../../src/content.config";

/** The zod schema of a collection, as `src/content.config.ts` declares it. */
function schemaOf(name: keyof typeof collections) {
  const schema = collections[name].schema;
  if (!schema || typeof schema === "function") throw new Error(`${name} has no plain schema`);
  return schema;
}

const validSection = {
  order: 2,
  slug: "responses",
  title: "LINE交換を断られたときの適切な対応法",
  shortTitle: "断られたときの対応法",
  description:
    "LINE交換を断られた直後こそ、普段どおりの振る舞いが大切です。気まずさを和らげる話し方や冷却期間の置き方を紹介します。",
};

function issuesFor(name: keyof typeof collections, data: unknown) {
  const result = schemaOf(name).safeParse(data);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

describe("section frontmatter schema", () => {
  it("accepts a complete section", () => {
    expect(issuesFor("sections", validSection)).toEqual([]);
  });

  it("names a missing field", () => {
    const withoutSlug: Partial<typeof validSection> = { ...validSection };
    delete withoutSlug.slug;
    expect(issuesFor("sections", withoutSlug)).toEqual([
      { path: "slug", message: expect.stringContaining("slug") },
    ]);
  });

  it("rejects a slug that is not a short ASCII word", () => {
    expect(issuesFor("sections", { ...validSection, slug: "対応法" })).toEqual([
      { path: "slug", message: expect.stringContaining("英小文字") },
    ]);
  });

  it("rejects a description too short or too long for sharing", () => {
    expect(issuesFor("sections", { ...validSection, description: "短すぎる説明。" })[0]).toMatchObject({
      path: "description",
      message: expect.stringContaining("50文字以上"),
    });
    expect(issuesFor("sections", { ...validSection, description: "あ".repeat(141) })[0]).toMatchObject({
      path: "description",
      message: expect.stringContaining("140文字以内"),
    });
  });

  it("rejects a non-integer order", () => {
    expect(issuesFor("sections", { ...validSection, order: 1.5 })[0]?.path).toBe("order");
  });

  it("rejects unknown keys, so a misspelt field is never silently ignored", () => {
    const issues = issuesFor("sections", { ...validSection, descripton: "typo" });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/descripton/);
  });
});

describe("lead frontmatter schema", () => {
  it("requires the article title and rejects a multi-line one", () => {
    const lead = {
      title: "職場でLINE交換を断られたら",
      subtitle: "断られた理由と心理、気まずさを残さない対応",
      shareTitle: "職場でLINE交換を断られたら｜理由と対応",
      description: validSection.description,
    };
    expect(issuesFor("leads", lead)).toEqual([]);
    expect(issuesFor("leads", { ...lead, title: "一行目\n二行目" })[0]).toMatchObject({
      path: "title",
      message: expect.stringContaining("1行で"),
    });
  });

  it("takes draft as a yes/no flag only", () => {
    const lead = {
      title: "職場でLINE交換を断られたら",
      subtitle: "断られた理由と心理、気まずさを残さない対応",
      shareTitle: "職場でLINE交換を断られたら｜理由と対応",
      description: validSection.description,
    };
    expect(issuesFor("leads", { ...lead, draft: true })).toEqual([]);
    expect(issuesFor("leads", { ...lead, draft: "yes" })[0]).toMatchObject({
      path: "draft",
      message: expect.stringContaining("true か false"),
    });
  });

  const lead = {
    title: "職場でLINE交換を断られたら",
    subtitle: "断られた理由と心理、気まずさを残さない対応",
    shareTitle: "職場でLINE交換を断られたら｜理由と対応",
    description: validSection.description,
  };

  it("takes up to five different tags, each one line of at most 20 characters", () => {
    expect(issuesFor("leads", { ...lead, tags: ["職場の人間関係", "LINE"] })).toEqual([]);
    expect(issuesFor("leads", { ...lead, tags: ["a", "b", "c", "d", "e", "f"] })).toEqual([
      { path: "tags", message: "tags は5つまでにしてください。" },
    ]);
    expect(issuesFor("leads", { ...lead, tags: ["LINE", "LINE"] })).toEqual([
      { path: "tags", message: "tags に同じタグが2回あります。" },
    ]);
    expect(issuesFor("leads", { ...lead, tags: ["あ".repeat(21)] })[0]).toMatchObject({
      path: "tags.0",
      message: expect.stringContaining("20文字以内"),
    });
    expect(issuesFor("leads", { ...lead, tags: "LINE" })[0]).toMatchObject({
      path: "tags",
      message: expect.stringContaining("[タグ1, タグ2]"),
    });
  });

  it("takes 更新日 only with 公開日, and not before it", () => {
    const published = new Date("2026-11-20");
    expect(issuesFor("leads", { ...lead, published, modified: new Date("2026-11-28") })).toEqual([]);
    expect(issuesFor("leads", { ...lead, published, modified: published })).toEqual([]);
    expect(issuesFor("leads", { ...lead, modified: new Date("2026-11-28") })).toEqual([
      { path: "modified", message: "modified（更新日）は published（公開日）と一緒に書いてください。" },
    ]);
    expect(issuesFor("leads", { ...lead, published, modified: new Date("2026-11-01") })).toEqual([
      { path: "modified", message: "modified（更新日）が published（公開日）より前になっています。" },
    ]);
  });
});

describe("the tags file (content/tags.yaml)", () => {
  it("gives each tag its word, on one line", () => {
    expect(issuesFor("tags", { name: "職場の人間関係" })).toEqual([]);
    expect(issuesFor("tags", { name: "" })[0]?.path).toBe("name");
    expect(issuesFor("tags", { name: "職場の人間関係", slug: "x" })[0]?.message).toContain("slug");
  });
});
