import { loadDefaultJapaneseParser } from "budoux";

/**
 * Line breaking written at build time that works on every browser, iOS WebKit included (which
 * lacks `word-break: auto-phrase`): text is split into pieces here, and a `<wbr>` between pieces is
 * the only place a line may break between letters once the element has `word-break: keep-all`.
 * Headings and other short display text break between BudouX phrases (the `.phrases` utility in
 * global.css); running text between words (`splitWords`).
 */
const parser = loadDefaultJapaneseParser();

/** The phrases of a plain-text string, in order. */
export function splitPhrases(text: string): string[] {
  return text === "" ? [] : parser.parse(text);
}

// Japanese line-breaking rules (kinsoku, as `line-break: strict` applies them): a line never
// starts with closing punctuation, a small kana or a prolonged sound mark, and never ends with an
// opening bracket. A break opportunity written into the text (a <wbr>, a zero-width space)
// overrides them, in Chromium at least, so none may go where they forbid a break.
const NO_LINE_START =
  /^[\s、。，．,.:;!?！？：；・ー〜）」』】〕｝〉》)\]}｜|…‥ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々ゝゞヽヾ]+/u;
const NO_LINE_END = /[（「『【〔｛〈《([{]+$/u;

/**
 * `segments` with the characters that may not start or end a line moved to the neighbouring
 * segment, so that a line may break between any two of the result.
 */
export function keepKinsoku(segments: readonly string[]): string[] {
  const kept: string[] = [];
  let carried = "";
  for (const segment of segments) {
    let current = carried + segment;
    carried = "";
    const leading = NO_LINE_START.exec(current)?.[0] ?? "";
    const previous = kept[kept.length - 1];
    if (leading !== "" && previous !== undefined) {
      kept[kept.length - 1] = previous + leading;
      current = current.slice(leading.length);
    }
    const trailing = NO_LINE_END.exec(current)?.[0] ?? "";
    if (trailing !== "") {
      carried = trailing;
      current = current.slice(0, -trailing.length);
    }
    if (current !== "") kept.push(current);
  }
  if (carried !== "") kept.push(carried);
  return kept;
}

const dictionaryWords = new Intl.Segmenter("ja", { granularity: "word" });
const KANJI = /^\p{Script=Han}$/u;
const HIRAGANA = /^\p{Script=Hiragana}$/u;

/**
 * Where running text may break: between the dictionary words of `Intl.Segmenter` (ICU's, the
 * data browsers use to select a word), never inside one, and by the kinsoku rules. Unlike BudouX
 * phrases (「和らげる方法・さらに」), words are short, so lines stay full.
 *
 * ICU returns a single kanji or kana where its dictionary lacks a conjugated form or a compound
 * (断|ら|れ|た, 下|さい, 安|心して, 具体|的), so single characters stay with a neighbour: a kanji
 * with the kanji or hiragana after it and with a kanji before it, a hiragana (an ending or a
 * particle: 職場|で) with what comes before it. What remains inside a word is ICU's (こだ|わらず):
 * always a place where ordinary Japanese breaking could break too.
 */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let previousSegment = "";
  for (const { segment } of dictionaryWords.segment(text)) {
    const last = words.length - 1;
    const first = segment.charAt(0);
    const joins =
      last >= 0 &&
      ((KANJI.test(previousSegment) && (KANJI.test(first) || HIRAGANA.test(first))) ||
        (KANJI.test(segment) && KANJI.test(words[last]?.slice(-1) ?? "")) ||
        HIRAGANA.test(segment));
    if (joins) words[last] += segment;
    else words.push(segment);
    previousSegment = segment;
  }
  return keepKinsoku(words);
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ESCAPES[char] ?? char);
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };

/** Text with the entities Astro writes when escaping (&amp; &lt; &gt; &quot; &#39;) decoded. */
function decodeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (entity, name: string) => ENTITIES[name] ?? entity);
}

/** The plain text of an HTML fragment (a rendered slot): tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  return decodeHtml(html.replace(/<[^>]*>/g, "")).trim();
}

/** Escaped HTML of `text` with a `<wbr>` between the pieces `split` cuts it into. */
function breakHtml(text: string, split: (text: string) => string[]): string {
  return split(text).map(escapeHtml).join("<wbr>");
}

/**
 * `breakHtml` for a fragment of HTML (a rendered slot): break opportunities go into text between
 * tags only, never inside a tag or an entity. Breaks are computed per text run, so markup
 * boundaries stay as they are.
 */
function breakFragment(html: string, split: (text: string) => string[]): string {
  return html
    .split(/(<[^>]*>)/)
    .map((part) => (part.startsWith("<") ? part : breakHtml(decodeHtml(part), split)))
    .join("");
}

/** Escaped HTML of `text` with a `<wbr>` between BudouX phrases. */
export function phraseBreakHtml(text: string): string {
  return breakHtml(text, splitPhrases);
}

/** `phraseBreakHtml` for a fragment of HTML (a rendered slot). */
export function phraseBreakFragment(html: string): string {
  return breakFragment(html, splitPhrases);
}

/** A fragment of running text's HTML with a `<wbr>` between words (`splitWords`). */
export function wordBreakFragment(html: string): string {
  return breakFragment(html, splitWords);
}
