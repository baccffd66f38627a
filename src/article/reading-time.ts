/** Japanese reading speed used for estimates: about 500 characters a minute. */
export const CHARACTERS_PER_MINUTE = 500;

/**
 * The text a reader reads in an MDX body: heading ids (`{#id}`), JSX tags, Markdown heading and
 * list markers and import/export lines removed, whitespace dropped. Japanese has no spaces, so
 * counting characters without whitespace is the usual measure.
 */
export function readableText(mdxBody: string): string {
  return mdxBody
    .replace(/^(import|export)\s.*$/gm, "")
    .replace(/\{#[^}]*\}/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/^\s{0,3}(#{1,6}|[-*+]|\d+\.)\s+/gm, "")
    .replace(/\s+/g, "");
}

/** Whole minutes to read `characters`, at least 1. */
export function readingMinutes(characters: number, perMinute = CHARACTERS_PER_MINUTE): number {
  return Math.max(1, Math.round(characters / perMinute));
}
