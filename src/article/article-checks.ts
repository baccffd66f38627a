import type { BodyFacts } from "./body-checks.ts";
import type { ContentProblem } from "./content-error.ts";
import { ARTICLE_SLUG_PATTERN, SLUG_MAX_LENGTH, TAGS_FILE } from "./folders.ts";
import { outlineProblems, type OutlineHeading } from "./outline.ts";

/*
 * The checks that span files: one article's sections together, its tags against
 * content/tags.yaml. The build (load.ts) and `npm run check-content` both run them, on the facts
 * the MDX parser recorded (body-checks.ts).
 */

/** A section as the checks across files see it. */
export interface CheckedSection {
  file: string;
  order: number;
  slug: string;
  title: string;
  headings: readonly OutlineHeading[];
  checklistPoints: BodyFacts["checklistPoints"];
  summaryChecklists: BodyFacts["summaryChecklists"];
}

/** A tag of content/tags.yaml: the slug of its page, and its word. */
export interface DeclaredTag {
  slug: string;
  name: string;
}

/**
 * Everything wrong across one article's sections: the outline, then its checklist.
 * `otherSlugs`: slugs of sections left out for problems of their own, which points may still name.
 */
export function articleProblems(
  sections: readonly CheckedSection[],
  otherSlugs: readonly string[] = [],
): ContentProblem[] {
  return [...outlineProblems(sections), ...checklistProblems(sections, otherSlugs)];
}

/**
 * An article has at most one `<SummaryChecklist>` (its ticks are stored under one key per
 * article), and every `<ChecklistPoint section="…">` names a section of its own article.
 */
function checklistProblems(
  sections: readonly CheckedSection[],
  otherSlugs: readonly string[],
): ContentProblem[] {
  const slugs = [...new Set([...sections.map((section) => section.slug), ...otherSlugs])];
  const checklists = [...sections]
    .sort((a, b) => a.order - b.order)
    .flatMap((section) => section.summaryChecklists.map((line) => ({ file: section.file, line })));
  const [first] = checklists;
  const problems: ContentProblem[] = checklists.slice(1).map(({ file, line }) => ({
    file,
    line,
    message: `<SummaryChecklist> は1つの記事に1つだけ書けます。最初のものは ${first?.file}:${first?.line} にあります。`,
  }));
  for (const section of sections) {
    for (const point of section.checklistPoints) {
      if (slugs.includes(point.section)) continue;
      problems.push({
        file: section.file,
        line: point.line,
        message: `<ChecklistPoint section="${point.section}">: この記事にこの slug の節がありません。使える slug: ${slugs.join(", ")}`,
      });
    }
  }
  return problems;
}

/** Tag slugs that cannot be a URL, and words declared twice, in content/tags.yaml. */
export function declaredTagProblems(tags: readonly DeclaredTag[]): ContentProblem[] {
  const problems: ContentProblem[] = tags
    .filter((tag) => !ARTICLE_SLUG_PATTERN.test(tag.slug) || tag.slug.length > SLUG_MAX_LENGTH)
    .map((tag) => ({
      file: TAGS_FILE,
      message: `「${tag.slug}」はタグのページの URL になります。英小文字で始まり、英小文字・数字・ハイフンだけの${SLUG_MAX_LENGTH}文字以内にしてください（例: relationships）。`,
    }));
  const slugsOf = new Map<string, string[]>();
  for (const tag of tags) slugsOf.set(tag.name, [...(slugsOf.get(tag.name) ?? []), tag.slug]);
  for (const [name, slugs] of slugsOf)
    if (slugs.length > 1)
      problems.push({
        file: TAGS_FILE,
        message: `「${name}」が ${slugs.join("、")} の${slugs.length}か所にあります。1つだけ残し、ほかは消してください。`,
      });
  return problems;
}

/**
 * A lead's tags that content/tags.yaml does not declare, each at its own line of the frontmatter
 * (`source` is the lead's text, read only to name that line).
 */
export function leadTagProblems(
  file: string,
  names: readonly string[],
  declared: readonly string[],
  source: () => string,
): ContentProblem[] {
  const unknown = names.filter((name) => !declared.includes(name));
  if (unknown.length === 0) return [];
  const text = source();
  return unknown.map((name) => ({
    file,
    line: frontmatterValueLine(text, "tags", name),
    message: `タグ「${name}」は ${TAGS_FILE} にありません。そこに「英語の名前（英小文字・数字・ハイフン）:」と「name: ${name}」を書き足すか、次のどれかにしてください: ${declared.join("、")}`,
  }));
}

/**
 * The line of `value` under the top-level frontmatter `key` (a list on one line or one item per
 * line), or of the key itself; undefined when the key is not there.
 */
export function frontmatterValueLine(source: string, key: string, value?: string): number | undefined {
  const lines = source.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`${key}:`));
  if (start < 0) return undefined;
  if (value === undefined) return start + 1;
  for (let index = start; index < lines.length; index += 1) {
    const line = lines[index] ?? "";
    if (index > start && !/^\s/.test(line)) break;
    if (line.includes(value)) return index + 1;
  }
  return start + 1;
}
