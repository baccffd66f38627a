import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchEngine, type Engine } from "../../support/engines";
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
} from "../../support/line-breaks";
import { MANUSCRIPT_ARTICLE, sitePages } from "../../support/site";

/**
 * Where headings break in WebKit, which has no `word-break: auto-phrase`: what iPhone Safari and
 * LINE on iPhone show, with nothing mimicked. Only `keep-all` and the <wbr> between BudouX
 * phrases written at build time decide. Every page, at phone widths and a tablet's.
 */
const PAGES = sitePages(inject("distDir")).all;
const ARTICLES = sitePages(inject("distDir")).articles.map((article) => article.path);
const WIDTHS = [320, 375, 390, 768];

let engine: Engine;
beforeAll(async () => {
  engine = await launchEngine("webkit", inject("engineTargets"));
}, 120_000);
afterAll(async () => engine?.close());

describe("WebKit: headings break only between phrases", () => {
  it("can see a break inside a phrase: ordinary Japanese breaking makes some on the full article", async () => {
    const page = await engine.newPage({ width: 320, height: 800 });
    try {
      await page.goto(MANUSCRIPT_ARTICLE);
      // The same headings without BudouX: no <wbr>, no keep-all.
      await page.evaluate(() => {
        for (const node of document.querySelectorAll("wbr")) node.remove();
        for (const heading of document.querySelectorAll(".phrases")) heading.classList.remove("phrases");
      });
      const lines = await page.evaluate(headingLines, phrasesOf(await page.evaluate(headingTexts)));
      expect(breaksInsidePhrases(lines, "320px").length).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  }, 60_000);

  it.each(WIDTHS)(
    "at %i px, on every page, no h1/h2/h3 breaks inside a phrase that fits its column",
    async (width) => {
      const page = await engine.newPage({ width, height: 800 });
      const problems: string[] = [];
      let headings = 0;
      try {
        for (const path of PAGES) {
          await page.goto(path);
          const lines = await page.evaluate(headingLines, phrasesOf(await page.evaluate(headingTexts)));
          headings += lines.length;
          problems.push(...breaksInsidePhrases(lines, `${path} @${width}px`));
          // Then with each heading's widest phrase at 95% of its column (see widestPhraseScales).
          await page.evaluate(enlargeHeadings, widestPhraseScales(lines));
          const enlarged = await page.evaluate(headingLines, phrasesOf(await page.evaluate(headingTexts)));
          problems.push(...breaksInsidePhrases(enlarged, `${path} @${width}px, widest phrase at 95%`));
        }
      } finally {
        await page.close();
      }
      expect(headings).toBeGreaterThan(PAGES.length);
      expect(problems).toEqual([]);
    },
    // Every page twice (as set, then with its widest phrase filling the column), on a busy machine.
    240_000,
  );
});

describe("WebKit: the lead breaks between words, in full lines", () => {
  it.each(WIDTHS)(
    "at %i px, no lead breaks inside a word or ends a line short for a word that would fit",
    async (width) => {
      const page = await engine.newPage({ width, height: 800 });
      const problems: string[] = [];
      const fills: number[] = [];
      try {
        for (const article of ARTICLES) {
          await page.goto(article);
          for (const paragraph of await page.evaluate(paragraphLines, LEAD_PARAGRAPHS)) {
            problems.push(...breaksInsideWords(paragraph, `${article} @${width}px`));
            problems.push(...raggedLines(paragraph, `${article} @${width}px`));
            fills.push(...lineFills(paragraph));
          }
        }
      } finally {
        await page.close();
      }
      console.info(`WebKit, lead @${width}px: ${describeFills(fills)}`);
      expect(fills.length, "the leads must have lines to check").toBeGreaterThan(0);
      expect(problems).toEqual([]);
    },
    120_000,
  );
});
