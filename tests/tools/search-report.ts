/**
 * How well site search answers real Japanese queries on the built site: serves `dist/` like a
 * host (its _headers included), runs each query below through Pagefind's own browser code in
 * Chromium, and prints a Markdown table of the top 3 results, where each points (with the
 * heading fragment the search page would link), whether the first is a section the query is
 * about, and whether each result's text contains the query at all (a result that does not is a
 * segmentation match: see the note printed under the table).
 *
 *   npm run search-report            (builds first)
 *   node tests/tools/search-report.ts [--dist dist]
 *
 * It is a tool, not a test: it reports, it does not assert. The browser tests hold the two
 * queries the issue names (冷却期間, ランチ) to their sections.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { SEARCH_PATH } from "../../src/article/urls.ts";
import { bestPart, type Pagefind, type ResultData } from "../../src/scripts/search-results.ts";
import { serveStatic } from "../support/static-server.ts";
import { CHROMIUM_ARGS, ensureChromium } from "../support/system-programs.ts";

interface Query {
  query: string;
  /** The sections (slugs of /line-koukan/) a reader asking this means; empty: nothing should match. */
  expected: string[];
  why: string;
}

/** Words readers would type, taken from the manuscript (content/articles/line-koukan/), and a few it lacks. */
const QUERIES: Query[] = [
  { query: "冷却期間", expected: ["responses"], why: "heading 冷却期間と必要な距離感" },
  { query: "ランチ", expected: ["alternatives"], why: "ランチや趣味の話題 (offline)" },
  { query: "飲み会", expected: ["alternatives"], why: "イベントや飲み会 (events)" },
  { query: "業務用チャット", expected: ["alternatives"], why: "heading メールや業務用チャットの活用法" },
  { query: "社内チャット", expected: ["alternatives"], why: "not in the text; 業務用チャット is" },
  { query: "距離感", expected: ["responses"], why: "3 of its 5 uses" },
  { query: "気まずい", expected: ["responses"], why: "気まずさを和らげる (easing-awkwardness)" },
  { query: "断られた", expected: ["responses", "reasons"], why: "everywhere; most in responses" },
  { query: "連絡先", expected: ["mindset", "reasons"], why: "mindset 2, reasons 1" },
  { query: "挨拶", expected: ["mindset"], why: "once, in mindset" },
  { query: "プライベート", expected: ["reasons"], why: "4 in reasons, 2 in responses" },
  { query: "雑談", expected: ["responses", "mindset"], why: "once each" },
  { query: "タイミング", expected: ["mindset"], why: "heading 再アプローチのタイミング" },
  { query: "心理", expected: ["reasons"], why: "heading 断る側の心理" },
  { query: "LINE", expected: ["reasons"], why: "every section; 12 in reasons" },
  { query: "既読", expected: [], why: "not in the text" },
  { query: "SNS", expected: [], why: "not in the text" },
];

const { values } = parseArgs({ options: { dist: { type: "string", default: "dist" } } });
const dist = resolve(values.dist ?? "dist");
const server = await serveStatic(dist);
const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });

interface Row {
  query: string;
  count: number;
  top: { url: string; title: string; containsQuery: boolean }[];
}

try {
  const page = await browser.newPage({ locale: "ja-JP" });
  await page.goto(`${server.url}${SEARCH_PATH}`);
  const rows: Row[] = [];
  for (const { query } of QUERIES) {
    const found = await page.evaluate(async (term) => {
      // A URL on the served site, for the browser to fetch; a variable, so TypeScript does not resolve it.
      const bundle = "/pagefind/pagefind.js";
      const pagefind = (await import(bundle)) as Pagefind;
      const results = await pagefind.search(term);
      return {
        count: results.results.length,
        top: await Promise.all(results.results.slice(0, 3).map((result) => result.data())),
      };
    }, query);
    rows.push({
      query,
      count: found.count,
      top: found.top.map((data: ResultData) => ({
        url: bestPart(data).url,
        title: data.meta["title"] ?? "",
        // Pagefind separates the Japanese words it segmented with zero-width spaces.
        containsQuery: data.content.replaceAll("\u200b", "").toLowerCase().includes(query.toLowerCase()),
      })),
    });
  }

  const section = (url: string) => url.split("/")[2] ?? url;
  const lines = [
    "| query | expected first | results | top 3 (✓ text contains the query, ✗ it does not) | first right? |",
    "| :-- | :-- | --: | :-- | :-- |",
  ];
  let right = 0;
  for (const [index, row] of rows.entries()) {
    const { expected, why } = QUERIES[index] as Query;
    const first = row.top[0];
    const ok =
      expected.length === 0 ? row.count === 0 : first !== undefined && expected.includes(section(first.url));
    if (ok) right += 1;
    const top =
      row.top.map((result) => `${result.containsQuery ? "✓" : "✗"} ${result.url}`).join("<br>") || "—";
    lines.push(
      `| ${row.query} | ${expected.join(" or ") || "no result"} (${why}) | ${row.count} | ${top} | ${ok ? "yes" : "**no**"} |`,
    );
  }
  console.log(lines.join("\n"));
  console.log(
    `\n${right} of ${rows.length} queries put a right section first (or found nothing where nothing is).`,
  );
  console.log(
    "✗: the page does not contain the query. Pagefind's index splits Japanese with one tokenizer and the browser " +
      "splits the query with another (Intl.Segmenter); a query word the index lacks is shortened until something " +
      "matches (https://github.com/Pagefind/pagefind/issues/1237).",
  );
} finally {
  await browser.close();
  await server.close();
}
