import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

/** The manuscript as delivered, kept in the repository so tests run from any clone. */
export const MANUSCRIPT_FIXTURE = resolve(root, "tests/fixtures/manuscript.txt");

/** Where the author's manuscript is delivered, beside the repository (may be absent). */
export const DELIVERED_MANUSCRIPT = resolve(root, "../shared/manuscript/000_66d20435481769f3.txt");

export function readManuscript(): string {
  return readFileSync(MANUSCRIPT_FIXTURE, "utf8");
}

export function deliveredManuscript(): string | undefined {
  return existsSync(DELIVERED_MANUSCRIPT) ? readFileSync(DELIVERED_MANUSCRIPT, "utf8") : undefined;
}

/**
 * The typographic substitutions the site may make without changing the author's words (see the
 * manuscript's README): full-width ！ and ？, and 〜 for a range written with a half-width tilde.
 * Nothing else may differ.
 */
const TYPOGRAPHIC_SUBSTITUTIONS: ReadonlyArray<[string, string]> = [
  ["!", "！"],
  ["?", "？"],
  ["~", "〜"],
];

/** Text as the site prints it: typographic substitutions applied, all whitespace removed. */
export function normalizeForComparison(text: string): string {
  let result = text;
  for (const [from, to] of TYPOGRAPHIC_SUBSTITUTIONS) result = result.replaceAll(from, to);
  return result.replace(/\s+/g, "");
}

export interface ManuscriptPart {
  /** Section slug, or `lead` for the text before the first section heading. */
  part: string;
  /** The manuscript's lines of this part (headings included, list markers removed). */
  lines: string[];
}

/**
 * Splits the manuscript into the lead and the sections, using the section headings (the
 * collection's `title`s) as the boundaries, as the manuscript's outline describes.
 */
export function splitManuscript(
  manuscript: string,
  sections: ReadonlyArray<{ slug: string; title: string }>,
): ManuscriptPart[] {
  let current: ManuscriptPart = { part: "lead", lines: [] };
  const parts = [current];
  for (const rawLine of manuscript.split("\n")) {
    const line = rawLine.replace(/^- /, "").trim();
    if (line === "") continue;
    const section = sections.find((candidate) => candidate.title === line);
    if (section) {
      current = { part: section.slug, lines: [] };
      parts.push(current);
    }
    current.lines.push(line);
  }
  return parts;
}
