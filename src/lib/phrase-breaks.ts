import { loadDefaultJapaneseParser } from "budoux";

/**
 * Phrase-aware line breaking that works on every browser, iOS WebKit included (which lacks
 * `word-break: auto-phrase`): BudouX splits Japanese text into phrases at build time, and a `<wbr>`
 * between phrases is the only place a line may break once the element has `word-break: keep-all`
 * (the `.phrases` utility in global.css).
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

/** Escaped HTML of `text` with a `<wbr>` between BudouX phrases. */
export function phraseBreakHtml(text: string): string {
  return splitPhrases(text).map(escapeHtml).join("<wbr>");
}

/**
 * The same for a fragment of HTML (a rendered slot): break opportunities go into text between
 * tags only, never inside a tag or an entity. Breaks are computed per text run, so markup
 * boundaries stay as they are.
 */
export function phraseBreakFragment(html: string): string {
  return html
    .split(/(<[^>]*>)/)
    .map((part) => (part.startsWith("<") ? part : phraseBreakHtml(decodeHtml(part))))
    .join("");
}
