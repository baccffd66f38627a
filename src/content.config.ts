import { defineCollection } from "astro:content";
import { file, glob } from "astro/loaders";
import { ARTICLES_DIR, entryArticle, TAGS_FILE } from "./article/folders";
import { leadSchema, sectionSchema, tagSchema } from "./article/schema";

/**
 * Each article's lead (`content/articles/<article>/lead.mdx`): the text before the first section,
 * and the article-wide metadata. Keyed by the article's folder name, its URL slug.
 */
const leads = defineCollection({
  loader: glob({
    pattern: "*/lead.mdx",
    base: ARTICLES_DIR,
    generateId: ({ entry }) => entryArticle(entry),
  }),
  schema: leadSchema,
});

/**
 * One file per section (`content/articles/<article>/sections/NN-<slug>.mdx`): each becomes an h2
 * of the full article at `/<article>/` and a page of its own at `/<article>/<slug>/`.
 */
const sections = defineCollection({
  // Entries are keyed by folder and file name (`<article>/01-<slug>`), not by `slug`: the glob
  // loader would otherwise let a second file with the same slug silently replace the first.
  // buildOutline reports duplicate slugs within an article.
  loader: glob({
    pattern: "*/sections/*.mdx",
    base: ARTICLES_DIR,
    generateId: ({ entry }) =>
      `${entryArticle(entry)}/${entry
        .split("/")
        .at(-1)
        ?.replace(/\.mdx$/, "")}`,
  }),
  schema: sectionSchema,
});

/**
 * The tags articles may use (`content/tags.yaml`), keyed by the ASCII slug of the tag's page:
 * `/tags/<slug>/`. The page is found by a slug, not by the Japanese word, so that its link stays
 * one piece when it is pasted into LINE (a percent-encoded Japanese path is long, and may be cut
 * where an app shows it decoded).
 */
const tags = defineCollection({
  loader: file(TAGS_FILE),
  schema: tagSchema,
});

export const collections = { leads, sections, tags };
