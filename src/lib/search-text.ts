/**
 * Site search reads Japanese one character at a time. The build writes every kanji and kana of
 * the indexed text as a word of its own (`splitForSearch`, before Pagefind reads a page), and the
 * search page splits a query the same way, so index and query always agree — in every browser,
 * with no dictionary to download — and a query's characters found side by side (Pagefind's exact
 * search) are the whole word, whether a compound, a katakana word or a single kanji.
 */

/** Kanji, kana, the long-vowel mark and the iteration marks: each one a word of the index. */
const ONE_BY_ONE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆ヶヵ]/gu;

/** Japanese writing, its punctuation and full-width forms: no space belongs beside them. */
const JAPANESE = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\u30FC\uFF00-\uFFEF]`;
const SPACE_BESIDE_JAPANESE = new RegExp(
  `(?<=${JAPANESE}(?:</?mark>)*) +| +(?=(?:</?mark>)*${JAPANESE})`,
  "gu",
);

/** Text as the index holds it: each kanji and kana set apart by spaces. */
export function splitForSearch(text: string): string {
  return text.replace(ONE_BY_ONE, " $& ");
}

/**
 * The text of the index as readers wrote it: the spaces `splitForSearch` put beside Japanese
 * taken out again. Works on excerpts too, whose matched words are in `<mark>`, and joins the
 * marks of a word's characters into one.
 */
export function joinSplitText(text: string): string {
  return text.replace(SPACE_BESIDE_JAPANESE, "").replaceAll("</mark><mark>", "");
}

/**
 * A query as the index holds words: normalised as readers type it (full-width Latin and
 * half-width katakana folded), then split like the text. Empty when nothing searchable is left.
 */
export function splitQuery(query: string): string {
  return splitForSearch(query.normalize("NFKC")).replace(/\s+/g, " ").trim();
}

/**
 * The query without the kana that ends a verb's or an adjective's dictionary form (焦る → 焦,
 * 築く → 築, 気まずい → 気まず), so that it finds the text's other forms (焦って, 築いて, 気まずさ);
 * undefined when the query does not end that way or holds no kanji.
 */
export function queryStem(query: string): string | undefined {
  const normalized = query.normalize("NFKC").trim();
  if (!/\p{Script=Han}/u.test(normalized)) return undefined;
  return /^(.*[\p{Script=Han}\p{Script=Hiragana}])[うくぐすつぬぶむるい]$/u.exec(normalized)?.[1];
}
