import { z } from "astro/zod";
import { SLUG_MAX_LENGTH } from "./folders.ts";
import { HEADING_ID_PATTERN } from "./heading-ids.ts";

/*
 * What the frontmatter of a lead, a section and a tag may hold. Plain Zod, so that both the
 * content collections (src/content.config.ts) and `npm run check-content` validate with it.
 */

/** A line of text shown to readers: no leading/trailing spaces, no line breaks. */
const line = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label}を書いてください。` })
    .trim()
    .min(min, { error: `${label}は${min}文字以上にしてください。` })
    .max(max, { error: `${label}は${max}文字以内にしてください。` })
    .refine((value) => !/[\r\n]/.test(value), { error: `${label}は1行で書いてください。` });

/**
 * The description used for search results and share cards. Japanese snippets show about 50–120
 * characters; shorter says too little, longer is cut off.
 */
const description = line("description（検索・共有用の説明文）", 50, 140);

/** How many tags one article may have, and how long one may be. */
const MAX_TAGS = 5;
const TAG_MAX_LENGTH = 20;

/**
 * Unknown keys (usually a misspelt field) are errors, named with the fields that do exist, so a
 * typo never silently drops a value.
 */
function strictFrontmatter<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `使えない項目があります: ${issue.keys.join(", ")}。使える項目: ${known}`
        : undefined,
  });
}

/** The frontmatter of an article's lead (`content/articles/<article>/lead.mdx`). */
export const leadSchema = strictFrontmatter({
  /** The article title: the page's h1 and the base of every `<title>`. */
  title: line("title（記事タイトル）", 5, 40),
  /** One line under the title saying what the article covers. */
  subtitle: line("subtitle（副題）", 5, 60),
  /** `<title>` and share title of `/`; longer than `title` to say what the article offers. */
  shareTitle: line("shareTitle（共有用タイトル）", 5, 70),
  description,
  /** First publication date (YYYY-MM-DD), for structured data; leave out until published. */
  published: z.date({ error: "published は日付（例: 2026-12-01）で書いてください。" }).optional(),
  /** Date of the last change to the text (YYYY-MM-DD); leave out if never changed. */
  modified: z.date({ error: "modified は日付（例: 2026-12-01）で書いてください。" }).optional(),
  /** `true` while the article is being written: shown by `npm run dev`, left out of `npm run build`. */
  draft: z.boolean({ error: "draft は true か false で書いてください。" }).optional(),
  /**
   * Up to five words for what the article is about, each one declared in content/tags.yaml
   * (which gives its page's URL). Shown on the article as links to the tag's page.
   */
  tags: z
    .array(line("tags の各タグ", 1, TAG_MAX_LENGTH), {
      error: "tags は [タグ1, タグ2] の形で書いてください。",
    })
    .max(MAX_TAGS, { error: `tags は${MAX_TAGS}つまでにしてください。` })
    .refine((tags) => new Set(tags).size === tags.length, { error: "tags に同じタグが2回あります。" })
    .optional(),
}).check((context) => {
  const { published, modified } = context.value;
  if (modified && !published) {
    context.issues.push({
      code: "custom",
      input: modified,
      path: ["modified"],
      message: "modified（更新日）は published（公開日）と一緒に書いてください。",
    });
  } else if (modified && published && modified < published) {
    context.issues.push({
      code: "custom",
      input: modified,
      path: ["modified"],
      message: "modified（更新日）が published（公開日）より前になっています。",
    });
  }
});

/** The frontmatter of a section (`content/articles/<article>/sections/NN-<slug>.mdx`). */
export const sectionSchema = strictFrontmatter({
  /** Reading order, unique among the article's sections (1, 2, 3 …). */
  order: z
    .number({ error: "order（並び順）を整数で書いてください。" })
    .int({ error: "order は整数にしてください。" })
    .min(1, { error: "order は1以上にしてください。" })
    .max(99, { error: "order は99以下にしてください。" }),
  /** The section page's path (`/<article>/<slug>/`) and the h2's id; part of shared URLs, so never change it. */
  slug: z
    .string({ error: "slug（URLと見出しの id）を書いてください。" })
    .regex(HEADING_ID_PATTERN, {
      error: "slug は英小文字で始まり、英小文字・数字・ハイフンだけにしてください（例: first-steps）。",
    })
    .max(SLUG_MAX_LENGTH, { error: `slug は${SLUG_MAX_LENGTH}文字以内にしてください。` }),
  /** The section heading exactly as in the manuscript. */
  title: line("title（節の見出し）", 2, 40),
  /** A short name for navigation and the section page's `<title>`. */
  shortTitle: line("shortTitle（短い節名）", 2, 20),
  description,
});

/** One tag of content/tags.yaml. */
export const tagSchema = z.strictObject({
  /** The tag as articles write it and readers see it. */
  name: line("name（タグ）", 1, TAG_MAX_LENGTH),
});
