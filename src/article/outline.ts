import { throwIfProblems, type ContentProblem } from "./content-error.ts";
import { HEADING_ID_PATTERN } from "./heading-ids.ts";
import { headingHref, type LinkContext } from "./urls.ts";

/** A heading as Astro's Markdown pipeline reports it (`render(entry).headings`). */
export interface OutlineHeading {
  depth: number;
  slug: string;
  text: string;
}

/** What the outline needs to know of one section entry. */
export interface OutlineSectionInput {
  /** The file the section comes from, for error messages. */
  file: string;
  order: number;
  slug: string;
  title: string;
  headings: readonly OutlineHeading[];
}

/**
 * Ids the page templates use themselves; a heading taking one would make a fragment ambiguous.
 * Kept in one list so the templates and this check cannot drift apart.
 */
export const RESERVED_IDS = [
  "main",
  "toc",
  "toc-title",
  "article-title",
  "checklist",
  "checklist-hint",
  "share-bar-title",
  "share-status",
  "copy-fallback",
  "copy-fallback-label",
] as const;

/** Ids starting with this are the checklist's own (`point-<slug>`). */
export const RESERVED_ID_PREFIX = "point-";

/**
 * Sorts one article's sections by `order`, stopping at any problem `outlineProblems` finds.
 */
export function buildOutline<S extends OutlineSectionInput>(sections: readonly S[]): S[] {
  throwIfProblems(outlineProblems(sections));
  return [...sections].sort((a, b) => a.order - b.order);
}

/**
 * What no single file can check on its own: an article has sections, their orders and slugs are
 * unique, and every heading id (section slugs included) is unique across the whole article,
 * because the full article shows all its sections on one page. Two articles may use the same
 * slugs and ids: they never share a page.
 */
export function outlineProblems(sections: readonly OutlineSectionInput[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  if (sections.length === 0)
    problems.push({ message: "記事に節が一つもありません。sections/ に節のファイルを置いてください。" });

  const byOrder = new Map<number, OutlineSectionInput>();
  const idOwners = new Map<string, string>(RESERVED_IDS.map((id) => [id, "ページのテンプレート"]));
  const claimId = (id: string, file: string, owner: string) => {
    // Checklist boxes are `point-<section slug>` (ChecklistPoint.astro).
    if (id.startsWith(RESERVED_ID_PREFIX)) {
      problems.push({
        file,
        message: `${owner}: id「${id}」は「${RESERVED_ID_PREFIX}」で始まるため使えません（チェックリストが使います）。`,
      });
      return;
    }
    const previous = idOwners.get(id);
    if (previous !== undefined) {
      problems.push({
        file,
        message: `${owner}: id「${id}」は ${previous} でも使われています。記事全体で重ならない id にしてください。`,
      });
    } else {
      idOwners.set(id, `${file} の${owner}`);
    }
  };

  for (const section of sections) {
    const other = byOrder.get(section.order);
    if (other) {
      problems.push({
        file: section.file,
        message: `order ${section.order} は ${other.file} と重なっています。節ごとに違う番号にしてください。`,
      });
    } else {
      byOrder.set(section.order, section);
    }
    claimId(section.slug, section.file, "slug");
    for (const heading of section.headings) {
      if (!HEADING_ID_PATTERN.test(heading.slug)) {
        problems.push({
          file: section.file,
          message: `見出し「${heading.text}」の id「${heading.slug}」は英小文字・数字・ハイフンではありません。`,
        });
      }
      claimId(heading.slug, section.file, `見出し「${heading.text}」`);
    }
  }
  return problems;
}

export interface TocEntry {
  id: string;
  text: string;
  href: string;
  /** Estimated reading time of the section, for top-level entries. */
  minutes: number | undefined;
  /** True for the section whose own page this TOC is on (rendered with `aria-current`). */
  current: boolean;
  children: TocEntry[];
}

/**
 * The table of contents of `article`: one entry per section (h2) with its h3 headings, linked for
 * `context`.
 */
export function buildToc(
  article: string,
  sections: readonly (Pick<OutlineSectionInput, "slug" | "title" | "headings"> & { minutes?: number })[],
  context: LinkContext,
): TocEntry[] {
  return sections.map((section) => ({
    id: section.slug,
    text: section.title,
    href: headingHref(article, section.slug, undefined, context),
    minutes: section.minutes,
    current: context.page === "section" && context.article === article && context.slug === section.slug,
    children: section.headings
      .filter((heading) => heading.depth === 3)
      .map((heading) => ({
        id: heading.slug,
        text: heading.text,
        href: headingHref(article, section.slug, heading.slug, context),
        minutes: undefined,
        current: false,
        children: [],
      })),
  }));
}

/** The sections before and after `slug` in reading order, for previous/next links. */
export function neighbours<S extends { slug: string }>(
  sections: readonly S[],
  slug: string,
): { previous: S | undefined; next: S | undefined } {
  const index = sections.findIndex((section) => section.slug === slug);
  if (index === -1) throw new Error(`節「${slug}」がありません。`);
  return { previous: sections[index - 1], next: sections[index + 1] };
}
