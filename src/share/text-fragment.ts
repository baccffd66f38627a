/**
 * Text fragments (`#:~:text=…`) for quote links. Browsers match a text fragment on word
 * boundaries, and Japanese has no spaces, so a quote is widened to whole sentences: sentence
 * ends (。！？) are boundaries for every segmenter. When the quote occurs more than once on the
 * page, the sentence before (prefix) and then the one after (suffix) make it unique.
 */

/** Characters that end a Japanese sentence, with any closing brackets that follow. */
const SENTENCE = /[^。！？!?]*[。！？!?]+[」』）)]*|[^。！？!?]+$/g;

/** The sentences of a text, in order, whitespace at their edges trimmed. */
export function splitSentences(text: string): string[] {
  return (text.match(SENTENCE) ?? []).map((sentence) => sentence.trim()).filter(Boolean);
}

/**
 * Percent-encodes a text-fragment term: everything encodeURIComponent encodes, plus the
 * characters that have a meaning inside the directive (`-` `,` `&`).
 */
export function encodeFragmentTerm(term: string): string {
  return encodeURIComponent(term).replace(/-/g, "%2D").replace(/,/g, "%2C").replace(/&/g, "%26");
}

function countOccurrences(haystack: string, needle: string): number {
  if (needle === "") return 0;
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count += 1;
  return count;
}

export interface QuoteRange {
  /** The whole sentences the selection touches, joined as they appear on the page. */
  quote: string;
  prefix: string | undefined;
  suffix: string | undefined;
}

/**
 * Widens `selection` (found in `blockText`, the text of the paragraph holding it) to whole
 * sentences, and adds context when the same sentences appear elsewhere in `pageText`.
 * Returns undefined when the selection is not inside the block.
 */
export function quoteForSelection(
  selection: string,
  blockText: string,
  pageText: string,
): QuoteRange | undefined {
  const wanted = selection.trim();
  const start = blockText.indexOf(wanted);
  if (wanted === "" || start === -1) return undefined;
  const end = start + wanted.length;

  const sentences: { text: string; start: number; end: number }[] = [];
  let cursor = 0;
  for (const sentence of splitSentences(blockText)) {
    const at = blockText.indexOf(sentence, cursor);
    sentences.push({ text: sentence, start: at, end: at + sentence.length });
    cursor = at + sentence.length;
  }
  const touched = sentences.filter((sentence) => sentence.end > start && sentence.start < end);
  const first = touched[0];
  const last = touched.at(-1);
  if (!first || !last) return undefined;
  const quote = blockText.slice(first.start, last.end);

  const index = sentences.indexOf(first);
  const before = sentences[index - 1]?.text;
  const after = sentences[sentences.indexOf(last) + 1]?.text;
  if (countOccurrences(pageText, quote) <= 1) return { quote, prefix: undefined, suffix: undefined };
  if (before && countOccurrences(pageText, before + quote) === 1)
    return { quote, prefix: before, suffix: undefined };
  if (after && countOccurrences(pageText, quote + after) === 1)
    return { quote, prefix: undefined, suffix: after };
  return { quote, prefix: before, suffix: after };
}

/** The `#:~:text=` fragment for a quote. */
export function buildTextFragment({ quote, prefix, suffix }: QuoteRange): string {
  const parts = [
    prefix === undefined ? undefined : `${encodeFragmentTerm(prefix)}-`,
    encodeFragmentTerm(quote),
    suffix === undefined ? undefined : `-${encodeFragmentTerm(suffix)}`,
  ].filter((part): part is string => part !== undefined);
  return `#:~:text=${parts.join(",")}`;
}
