/**
 * Where headings and leads break, in one engine (the *-line-breaks.test.ts files beside this one
 * call it for Chromium, WebKit and Firefox): headings only between BudouX phrases, the
 * lead between words and in full lines. WebKit has no `word-break: auto-phrase`, like iPhones, so
 * there only `keep-all` and the <wbr> written at build time decide. Each check first shows it can
 * fail: ordinary Japanese breaking, done to the same page, makes the breaks it looks for.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { phraseBreakHtml } from "../../../src/lib/phrase-breaks";
import { launchEngine, type Engine, type EngineName, type EnginePage } from "../../support/engines";
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

const measureHeadings = async (page: EnginePage) =>
  page.evaluate(headingLines, phrasesOf(await page.evaluate(headingTexts)));

/** Page-side: the lead as ordinary Japanese breaking sets it (no <wbr>, `word-break: normal`). */
function ordinaryLead(selector: string): void {
  for (const paragraph of document.querySelectorAll<HTMLElement>(selector)) {
    for (const node of paragraph.querySelectorAll("wbr")) node.remove();
    paragraph.style.wordBreak = "normal";
  }
}

/** Page-side: each lead paragraph's text, for `phrasedLead`. */
function leadTexts(selector: string): string[] {
  return [...document.querySelectorAll(selector)].map((paragraph) => paragraph.textContent ?? "");
}

/** Page-side: the lead broken between BudouX phrases only (`html`: each paragraph as phraseBreakHtml sets it). */
function phrasedLead(selector: string, html: string[]): void {
  document.querySelectorAll<HTMLElement>(selector).forEach((paragraph, index) => {
    paragraph.innerHTML = html[index] ?? "";
    paragraph.style.wordBreak = "keep-all";
  });
}

export function lineBreaks(name: EngineName, widths: readonly number[]): void {
  const site = sitePages(inject("distDir"));
  const articles = site.articles.map((article) => article.path);
  let engine: Engine;
  beforeAll(async () => {
    engine = await launchEngine(name, inject("engineTargets"));
  }, 120_000);
  afterAll(async () => engine?.close());

  async function atWidth<T>(width: number, run: (page: EnginePage) => Promise<T>): Promise<T> {
    const page = await engine.newPage({ width, height: 800 });
    try {
      return await run(page);
    } finally {
      await page.close();
    }
  }

  /** The lead paragraphs of every article at `width`, after `prepare` (ordinary or phrase-only breaking). */
  async function measureLeads(width: number, prepare?: (page: EnginePage) => Promise<void>) {
    const problems = { insideWords: [] as string[], ragged: [] as string[] };
    const fills: number[] = [];
    await atWidth(width, async (page) => {
      for (const article of articles) {
        await page.goto(article);
        await prepare?.(page);
        for (const paragraph of await page.evaluate(paragraphLines, LEAD_PARAGRAPHS)) {
          problems.insideWords.push(...breaksInsideWords(paragraph, `${article} @${width}px`));
          problems.ragged.push(...raggedLines(paragraph, `${article} @${width}px`));
          fills.push(...lineFills(paragraph));
        }
      }
    });
    return { ...problems, fills };
  }

  describe(`${name}: headings break only between phrases`, () => {
    it("can see a break inside a phrase: ordinary Japanese breaking makes some on the full article", async () => {
      const problems = await atWidth(widths[0] ?? 320, async (page) => {
        await page.goto(MANUSCRIPT_ARTICLE);
        await page.evaluate(() => {
          for (const node of document.querySelectorAll("wbr")) node.remove();
          for (const heading of document.querySelectorAll(".phrases")) heading.classList.remove("phrases");
        });
        return breaksInsidePhrases(await measureHeadings(page), "ordinary breaking");
      });
      expect(problems.length, "the check must be able to see mid-phrase breaks").toBeGreaterThan(0);
    }, 60_000);

    it.each(widths)(
      "at %i px, on every page, no h1/h2/h3 breaks inside a phrase that fits its column",
      async (width) => {
        const problems: string[] = [];
        let headings = 0;
        await atWidth(width, async (page) => {
          for (const path of site.all) {
            await page.goto(path);
            const lines = await measureHeadings(page);
            headings += lines.length;
            problems.push(...breaksInsidePhrases(lines, `${path} @${width}px`));
            // Then with each heading's widest phrase at 95% of its column (see widestPhraseScales).
            await page.evaluate(enlargeHeadings, widestPhraseScales(lines));
            const label = `${path} @${width}px, widest phrase at 95%`;
            problems.push(...breaksInsidePhrases(await measureHeadings(page), label));
          }
        });
        expect(headings).toBeGreaterThan(site.all.length);
        expect(problems).toEqual([]);
      },
      // Every page twice (as set, then with its widest phrase filling the column), on a busy machine.
      240_000,
    );
  });

  describe(`${name}: the lead breaks between words, in full lines`, () => {
    it("can see breaks inside words and ragged lines: other breaking makes them in the leads", async () => {
      const width = widths[0] ?? 320;
      const ordinary = await measureLeads(width, (page) => page.evaluate(ordinaryLead, LEAD_PARAGRAPHS));
      const phrased = await measureLeads(width, async (page) => {
        const texts = await page.evaluate(leadTexts, LEAD_PARAGRAPHS);
        await page.evaluate(phrasedLead, LEAD_PARAGRAPHS, texts.map(phraseBreakHtml));
      });
      // Printed for the closing note: what the other ways of breaking do to the same leads.
      console.info(
        `${name}, lead @${width}px: ordinary breaking ${ordinary.insideWords.length} breaks inside words ` +
          `(${describeFills(ordinary.fills)}); BudouX phrases ${phrased.ragged.length} ragged lines ` +
          `(${describeFills(phrased.fills)})`,
      );
      expect(ordinary.insideWords.length, "the check must be able to see mid-word breaks").toBeGreaterThan(0);
      expect(phrased.ragged.length, "the check must be able to see ragged lines").toBeGreaterThan(0);
    }, 120_000);

    it.each(widths)(
      "at %i px, no lead breaks inside a word or ends a line short for a word that would fit",
      async (width) => {
        const { insideWords, ragged, fills } = await measureLeads(width);
        console.info(`${name}, lead @${width}px: ${describeFills(fills)}`);
        expect(fills.length, "the leads must have lines to check").toBeGreaterThan(0);
        expect(insideWords).toEqual([]);
        expect(ragged).toEqual([]);
      },
      120_000,
    );
  });
}
