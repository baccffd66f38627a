import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { phraseBreakHtml } from "../../src/lib/phrase-breaks";
import { PHONE, useBrowser } from "../support/browser";
import {
  breaksInsidePhrases,
  breaksInsideWords,
  describeFills,
  enlargeHeadings,
  headingLines,
  headingTexts,
  LEAD_PARAGRAPHS,
  lineFills,
  paragraphLines,
  phrasesOf,
  raggedLines,
  widestPhraseScales,
} from "../support/line-breaks";
import { MANUSCRIPT_ARTICLE as ARTICLE, sitePages } from "../support/site";

const { baseUrl, newPage } = useBrowser();
const SITE = sitePages(inject("distDir"));
const PAGES = SITE.shared;
const ARTICLES = SITE.articles.map((article) => article.path);
/**
 * Chromium as Android's WebView and desktop Chrome show the pages (the site does not use their
 * `auto-phrase`: its own segmentation split 「方｜法」):
 * an Android phone, a large one, a desktop. What iPhones show is checked in real WebKit, which has
 * no `auto-phrase`, at 320–768 px (engines/webkit-line-breaks.test.ts).
 */
const WIDTHS = [320, 414, 1280];
/** The same page as if there were no BudouX: ordinary Japanese line breaking. */
const WITHOUT_BUDOUX = ".phrases { word-break: normal !important; }";

async function measureHeadings(page: Page) {
  return page.evaluate(headingLines, phrasesOf(await page.evaluate(headingTexts)));
}

async function countBadBreaks(
  pages: readonly string[],
  css: string | undefined,
  options: { removeWbr?: boolean; alsoWithWidestPhraseFillingColumn?: boolean } = {},
) {
  const problems: string[] = [];
  let headingsChecked = 0;
  for (const width of WIDTHS) {
    // bypassCSP: the test injects its own style, which the site's CSP rightly blocks.
    const page = await newPage({ ...PHONE, viewport: { width, height: 800 }, bypassCSP: true });
    for (const path of pages) {
      await page.goto(`${baseUrl}${path}`);
      if (css) await page.addStyleTag({ content: css });
      if (options.removeWbr) {
        await page.$$eval("wbr", (nodes) => nodes.forEach((node) => node.remove()));
      }
      const asSet = await measureHeadings(page);
      headingsChecked += asSet.length;
      problems.push(...breaksInsidePhrases(asSet, `${path} @${width}px`));
      if (options.alsoWithWidestPhraseFillingColumn) {
        await page.evaluate(enlargeHeadings, widestPhraseScales(asSet));
        const label = `${path} @${width}px, widest phrase at 95% of the column`;
        problems.push(...breaksInsidePhrases(await measureHeadings(page), label));
      }
    }
    await page.context().close();
  }
  return { problems, headingsChecked };
}

describe("headings break only between phrases (Chromium)", () => {
  it("can see a break inside a phrase: ordinary breaking makes some on the full article", async () => {
    const { problems, headingsChecked } = await countBadBreaks([ARTICLE], WITHOUT_BUDOUX, {
      removeWbr: true,
    });
    // Printed for the closing note: what ordinary breaking does to the same headings.
    console.info(
      `line breaks inside phrases without BudouX: ${problems.length} (${headingsChecked} heading renderings)`,
    );
    expect(problems.length, "the check must be able to see mid-phrase breaks").toBeGreaterThan(0);
  }, 60_000);

  it.each(PAGES)(
    "never wraps an h1/h2/h3 of %s inside a BudouX phrase that fits in its column, at 320, 414 and 1280 px",
    async (path) => {
      const { problems, headingsChecked } = await countBadBreaks([path], undefined, {
        alsoWithWidestPhraseFillingColumn: true,
      });
      expect(headingsChecked).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    },
    120_000,
  );
});

/**
 * For each width, the lead paragraphs of `path`: breaks inside words, ragged lines, and the fill
 * of every line but a paragraph's last. `css`, `removeWbr` and `rewrite` (which replaces each
 * paragraph's HTML) are for the checks that show what other line breaking would do.
 */
async function measureLead(
  path: string,
  options: { css?: string; removeWbr?: boolean; rewrite?: (text: string) => string } = {},
) {
  const insideWords: string[] = [];
  const ragged: string[] = [];
  const fills: number[] = [];
  for (const width of WIDTHS) {
    const page = await newPage({ ...PHONE, viewport: { width, height: 800 }, bypassCSP: true });
    await page.goto(`${baseUrl}${path}`);
    if (options.css) await page.addStyleTag({ content: options.css });
    if (options.removeWbr) {
      await page.$$eval(`${LEAD_PARAGRAPHS} wbr`, (nodes) => nodes.forEach((node) => node.remove()));
    }
    const { rewrite } = options;
    if (rewrite) {
      const texts = await page.$$eval(LEAD_PARAGRAPHS, (paragraphs) =>
        paragraphs.map((p) => p.textContent ?? ""),
      );
      await page.$$eval(
        LEAD_PARAGRAPHS,
        (paragraphs, html) => paragraphs.forEach((p, i) => (p.innerHTML = html[i] ?? "")),
        texts.map(rewrite),
      );
    }
    for (const paragraph of await page.evaluate(paragraphLines, LEAD_PARAGRAPHS)) {
      insideWords.push(...breaksInsideWords(paragraph, `${path} @${width}px`));
      ragged.push(...raggedLines(paragraph, `${path} @${width}px`));
      fills.push(...lineFills(paragraph));
    }
    await page.context().close();
  }
  return { insideWords, ragged, fills };
}

describe("the lead breaks between words, in full lines (running text, on every browser)", () => {
  it("can see breaks inside words: ordinary Japanese breaking makes some in the lead", async () => {
    const { insideWords, fills } = await measureLead(ARTICLE, {
      css: `${LEAD_PARAGRAPHS} { word-break: normal !important; }`,
      removeWbr: true,
    });
    console.info(
      `lead, ordinary breaking: ${insideWords.length} breaks inside words; ${describeFills(fills)}`,
    );
    expect(insideWords.length, "the check must be able to see mid-word breaks").toBeGreaterThan(0);
  }, 60_000);

  it("can see ragged lines: breaking between BudouX phrases leaves some in the lead", async () => {
    const { ragged, fills } = await measureLead(ARTICLE, {
      css: `${LEAD_PARAGRAPHS} { word-break: keep-all !important; }`,
      rewrite: phraseBreakHtml,
    });
    console.info(`lead, BudouX phrases: ${ragged.length} ragged lines; ${describeFills(fills)}`);
    expect(ragged.length, "the check must be able to see ragged lines").toBeGreaterThan(0);
  }, 60_000);

  it.each(ARTICLES)(
    "never breaks the lead of %s inside a word, and ends a line short only for a word that does not fit",
    async (path) => {
      const { insideWords, ragged, fills } = await measureLead(path);
      console.info(`lead of ${path}: ${describeFills(fills)}`);
      expect(fills.length, "the lead must have lines to check").toBeGreaterThan(0);
      expect(insideWords).toEqual([]);
      expect(ragged).toEqual([]);
    },
    60_000,
  );
});
