/**
 * Where a page's headings break, read in any engine (page functions take and return JSON only),
 * and which of those breaks fall inside a BudouX phrase that would have fit on a line.
 */
import { splitPhrases } from "../../src/lib/phrase-breaks";

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
