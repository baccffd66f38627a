/**
 * Content dates. Frontmatter dates (`published: 2026-11-20`) are read as midnight UTC, so every
 * part is taken in UTC: the day written is the day shown, whatever the build machine's zone.
 */

/** `2026-11-20`: for `<time datetime>` and structured data. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `2026年11月20日`: the date as Japanese readers write it. */
export function japaneseDate(date: Date): string {
  return `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
}

/**
 * The update date worth showing: `modified` when it is a later day than `published`, else none
 * (an article corrected on the day it came out has not been "updated" for its readers).
 */
export function shownModified(published: Date | undefined, modified: Date | undefined): Date | undefined {
  if (!published || !modified) return undefined;
  return isoDate(modified) > isoDate(published) ? modified : undefined;
}
