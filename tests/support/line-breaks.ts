/**
 * Where a page's headings and lead break, read in any engine (page functions take and return JSON
 * only): which heading breaks fall inside a BudouX phrase that would have fit on a line, and which
 * lead lines break inside a word or end short for no reason.
 */
import { splitPhrases, splitWords } from "../../src/lib/phrase-breaks";

export interface HeadingLines {
  text: string;
  /** Character offsets where a line starts (after the first). */
  lineStarts: number[];
  /** The width of the block the heading's lines are laid out in: its column. */
  column: number;
  /** Each phrase of the heading (in the order given) set on one line in its own font. */
  phraseWidths: number[];
}

/** Page-side: the text of each visible h1/h2/h3, in document order. */
export function headingTexts(): string[] {
  return [...document.querySelectorAll("h1, h2, h3")]
    .filter((heading) => heading.getClientRects().length > 0)
    .map((heading) => heading.textContent ?? "");
}

/** Page-side: for each visible h1/h2/h3, where its lines start, its column and its phrases' widths. */
export function headingLines(phrasesOfHeadings: string[][]): HeadingLines[] {
  return [...document.querySelectorAll("h1, h2, h3")]
    .filter((heading) => heading.getClientRects().length > 0)
    .map((heading, index) => {
      const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
      const tops: number[] = [];
      let text = "";
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const value = node.textContent ?? "";
        for (let i = 0; i < value.length; i += 1) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          tops.push(rect ? rect.top : Number.NaN);
          text += value[i];
        }
      }
      const lineStarts: number[] = [];
      for (let i = 1; i < tops.length; i += 1) {
        if ((tops[i] ?? Number.NaN) - (tops[i - 1] ?? Number.NaN) > 4) lineStarts.push(i);
      }
      const parent = heading.parentElement ?? heading;
      const style = getComputedStyle(parent);
      const column = parent.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const phraseWidths = (phrasesOfHeadings[index] ?? []).map((phrase) => {
        const probe = document.createElement("span");
        probe.style.whiteSpace = "nowrap";
        probe.textContent = phrase;
        heading.append(probe);
        const width = probe.getBoundingClientRect().width;
        probe.remove();
        return width;
      });
      return { text, lineStarts, column, phraseWidths };
    });
}

/** The BudouX phrases of each heading, as the build splits them. */
export function phrasesOf(texts: readonly string[]): string[][] {
  return texts.map((text) => splitPhrases(text));
}

/**
 * Each line start inside a phrase that fits in its heading's column, as 「…｜…」. (A phrase wider
 * than the whole column cannot be kept whole: overflow-wrap breaks it, as the last resort.)
 */
export function breaksInsidePhrases(headings: readonly HeadingLines[], label: string): string[] {
  return headings.flatMap((heading) => {
    const inside = new Set<number>();
    let offset = 0;
    splitPhrases(heading.text).forEach((phrase, index) => {
      if ((heading.phraseWidths[index] ?? Number.POSITIVE_INFINITY) <= heading.column) {
        for (let i = 1; i < phrase.length; i += 1) inside.add(offset + i);
      }
      offset += phrase.length;
    });
    return heading.lineStarts
      .filter((start) => inside.has(start))
      .map((start) => `${label}: 「${heading.text.slice(0, start)}｜${heading.text.slice(start)}」`);
  });
}

/**
 * How much to enlarge each heading so that its widest phrase takes 95% of its column. The test
 * machines' only Japanese font is Noto Sans CJK JP; iPhones set the same headings in Hiragino Sans,
 * whose bold kana are wider. At 320 px 「コミュニケーション術」 is 202 px in Noto, about 216 px on
 * an iPhone (issue 11), and a heading that shared its row with its `#` and share buttons had
 * 204 px: only Noto let it fit. With a phrase near the column's width a test sees whether a
 * heading's text has the whole column, whatever font the reader has.
 */
export function widestPhraseScales(headings: readonly HeadingLines[]): number[] {
  return headings.map((heading) => {
    const widest = Math.max(0, ...heading.phraseWidths);
    return widest > 0 ? (0.95 * heading.column) / widest : 1;
  });
}

/** Page-side: sets each visible phrase-broken heading (`.phrases`) `scales[i]` times its font size. */
export function enlargeHeadings(scales: number[]): void {
  [...document.querySelectorAll<HTMLElement>("h1, h2, h3")]
    .filter((heading) => heading.getClientRects().length > 0)
    .forEach((heading, index) => {
      if (!heading.classList.contains("phrases")) return;
      const size = parseFloat(getComputedStyle(heading).fontSize);
      heading.style.fontSize = `${size * (scales[index] ?? 1)}px`;
    });
}

/** The paragraphs of a full article's lead: its running text before the first section. */
export const LEAD_PARAGRAPHS = "article > .prose-ja > p";
/** A line shorter than this share of the column is ragged, unless the next word could not fit. */
const FULL_LINE = 0.85;

export interface ParagraphLines {
  text: string;
  /** Per character: its line's top, and its left and right edges as shares of the column. */
  chars: { top: number; left: number; right: number }[];
}

/** Page-side: where each character of each paragraph `selector` matches was set. */
export function paragraphLines(selector: string): ParagraphLines[] {
  return [...document.querySelectorAll(selector)].map((paragraph) => {
    const box = paragraph.getBoundingClientRect();
    const style = getComputedStyle(paragraph);
    const left = box.left + parseFloat(style.paddingLeft);
    const width = box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    const chars: ParagraphLines["chars"] = [];
    let text = "";
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const value = node.textContent ?? "";
      for (let i = 0; i < value.length; i += 1) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        chars.push({
          top: rect ? rect.top : Number.NaN,
          left: rect ? (rect.left - left) / width : Number.NaN,
          right: rect ? (rect.right - left) / width : Number.NaN,
        });
        text += value[i];
      }
    }
    return { text, chars };
  });
}

/** Offsets of the first character of each line, the first line's included. */
function lineStarts({ chars }: ParagraphLines): number[] {
  return chars.flatMap((char, i) => {
    const previous = chars[i - 1];
    return previous === undefined || char.top - previous.top > 4 ? [i] : [];
  });
}

/** How far each line but the paragraph's last reaches, as a share of the column. */
export function lineFills(paragraph: ParagraphLines): number[] {
  const starts = lineStarts(paragraph);
  return starts
    .slice(1)
    .map((next, line) => Math.max(...paragraph.chars.slice(starts[line], next).map((char) => char.right)));
}

const dictionaryWords = new Intl.Segmenter("ja", { granularity: "word" });

/**
 * Line starts inside a word, as 「…｜…」. The reference is `Intl.Segmenter`'s dictionary words
 * (what a double-click selects) of two or more characters: a break inside one splits a word across
 * two lines (方|法, コミュ|ニケーション), which ordinary Japanese breaking does wherever the line
 * happens to end. A break between two of its words is an ordinary Japanese break.
 */
export function breaksInsideWords(paragraph: ParagraphLines, label: string): string[] {
  const inside = new Set<number>();
  for (const { segment, index, isWordLike } of dictionaryWords.segment(paragraph.text)) {
    if (!isWordLike) continue;
    for (let i = 1; i < segment.length; i += 1) inside.add(index + i);
  }
  const { text } = paragraph;
  return lineStarts(paragraph)
    .filter((start) => inside.has(start))
    .map(
      (start) =>
        `${label}: 「${text.slice(Math.max(0, start - 6), start)}｜${text.slice(start, start + 6)}」`,
    );
}

/**
 * Lines (a paragraph's last aside) that end short of FULL_LINE although the word starting the next
 * line would have fit in the rest: raggedness that words do not need. A word here is a piece of
 * `splitWords`, which running text breaks between: a dictionary word with its kinsoku punctuation.
 */
export function raggedLines(paragraph: ParagraphLines, label: string): string[] {
  const { text, chars } = paragraph;
  const starts = lineStarts(paragraph);
  const wordEnds = new Set<number>();
  let offset = 0;
  for (const word of splitWords(text)) {
    offset += word.length;
    wordEnds.add(offset);
  }
  const fills = lineFills(paragraph);
  const problems: string[] = [];
  starts.slice(1).forEach((next, line) => {
    const fill = fills[line] ?? 1;
    let end = next + 1;
    while (end < text.length && !wordEnds.has(end)) end += 1;
    const nextWord = chars.slice(next, end);
    const nextWidth =
      Math.max(...nextWord.map((char) => char.right)) - Math.min(...nextWord.map((char) => char.left));
    if (fill < FULL_LINE && fill + nextWidth <= 1) {
      const lineText = text.slice(starts[line], next);
      problems.push(`${label}: ${Math.round(fill * 100)}% full: 「${lineText}｜${text.slice(next, end)}」`);
    }
  });
  return problems;
}

/** The number of lines and their fill, for a test's log. */
export function describeFills(fills: readonly number[]): string {
  const sorted = [...fills].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, fill) => sum + fill, 0) / sorted.length;
  const percent = (fill: number | undefined) => `${Math.round((fill ?? Number.NaN) * 100)}%`;
  return `${sorted.length} lines, fill min ${percent(sorted[0])}, mean ${percent(mean)}`;
}
