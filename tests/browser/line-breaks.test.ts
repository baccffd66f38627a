import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { splitPhrases } from "../../src/lib/phrase-breaks";
import { PHONE, useBrowser } from "../support/browser";
import { MANUSCRIPT_ARTICLE as ARTICLE, sitePages } from "../support/site";

const { baseUrl, newPage } = useBrowser();
const PAGES = sitePages(inject("distDir")).shared;
const WIDTHS = [320, 375, 390, 414, 768, 1280];

/**
 * Styles that make Chromium break like iOS WebKit, which has no `word-break: auto-phrase`: only
 * `keep-all` and the <wbr> written at build time decide where a heading may break.
 */
const LIKE_IOS = ".phrases { word-break: keep-all !important; }";
/** The same page as if there were no BudouX: ordinary Japanese line breaking. */
const WITHOUT_BUDOUX = ".phrases { word-break: normal !important; }";

interface Heading {
  text: string;
  /** Character offsets where a line starts (after the first). */
  lineStarts: number[];
}

/** For each h1/h2/h3, the character offsets at which the browser started a new line. */
async function headingLines(page: Page): Promise<Heading[]> {
  return page.$$eval("h1, h2, h3", (headings) =>
    headings
      .filter((heading) => heading.getClientRects().length > 0)
      .map((heading) => {
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
          const top = tops[i] ?? Number.NaN;
          const previous = tops[i - 1] ?? Number.NaN;
          if (top - previous > 4) lineStarts.push(i);
        }
        return { text, lineStarts };
      }),
  );
}

/** Line starts that fall inside a BudouX phrase of the heading's text. */
function breaksInsidePhrases(heading: Heading): number[] {
  const boundaries = new Set<number>([0]);
  let offset = 0;
  for (const phrase of splitPhrases(heading.text)) {
    offset += phrase.length;
    boundaries.add(offset);
  }
  return heading.lineStarts.filter((start) => !boundaries.has(start));
}

async function countBadBreaks(pages: readonly string[], css: string, removeWbr: boolean) {
  const problems: string[] = [];
  let headingsChecked = 0;
  for (const width of WIDTHS) {
    // bypassCSP: the test injects its own style, which the site's CSP rightly blocks.
    const page = await newPage({ ...PHONE, viewport: { width, height: 800 }, bypassCSP: true });
    for (const path of pages) {
      await page.goto(`${baseUrl}${path}`);
      await page.addStyleTag({ content: css });
      if (removeWbr) await page.$$eval("wbr", (nodes) => nodes.forEach((node) => node.remove()));
      for (const heading of await headingLines(page)) {
        headingsChecked += 1;
        for (const start of breaksInsidePhrases(heading)) {
          problems.push(
            `${path} @${width}px: 「${heading.text.slice(0, start)}｜${heading.text.slice(start)}」`,
          );
        }
      }
    }
    await page.context().close();
  }
  return { problems, headingsChecked };
}

describe("headings break only between phrases (as on iOS, without auto-phrase)", () => {
  it("can see a break inside a phrase: ordinary breaking makes some on the full article", async () => {
    const { problems, headingsChecked } = await countBadBreaks([ARTICLE], WITHOUT_BUDOUX, true);
    // Printed for the closing note: what ordinary breaking does to the same headings.
    console.info(
      `line breaks inside phrases without BudouX: ${problems.length} (${headingsChecked} heading renderings)`,
    );
    expect(problems.length, "the check must be able to see mid-phrase breaks").toBeGreaterThan(0);
  }, 60_000);

  it.each(PAGES)(
    "never wraps an h1/h2/h3 of %s inside a BudouX phrase at 320–1280 px",
    async (path) => {
      const { problems, headingsChecked } = await countBadBreaks([path], LIKE_IOS, false);
      expect(headingsChecked).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    },
    60_000,
  );
});
