/**
 * How well site search answers what readers type, on a built site: serves `dist/` like a host
 * (its _headers included), opens the search page with each query of
 * tests/support/search-queries.ts in Chromium — the page's own code searches, exactly as for a
 * reader — and prints a Markdown table of the first three results, whether the first is right,
 * and each result's excerpt.
 *
 *   npm run search-report            (builds first)
 *   node tests/tools/search-report.ts [--dist dist]
 *
 * It reports, it does not assert; the browser tests hold every engine to the target.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { SEARCH_PATH } from "../../src/article/urls.ts";
import { readSearchResults } from "../support/search-page.ts";
import { rightFirst, resultPath, SEARCH_QUERIES, SEARCH_TARGET } from "../support/search-queries.ts";
import { serveStatic } from "../support/static-server.ts";
import { CHROMIUM_ARGS, ensureChromium } from "../support/system-programs.ts";

const { values } = parseArgs({ options: { dist: { type: "string", default: "dist" } } });
const dist = resolve(values.dist ?? "dist");
const server = await serveStatic(dist);
const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });

try {
  const page = await browser.newPage({ locale: "ja-JP" });
  const lines = [
    "| query | kind | expected first | results | first three | right? | first excerpt |",
    "| :-- | :-- | :-- | --: | :-- | :-- | :-- |",
  ];
  let right = 0;
  for (const query of SEARCH_QUERIES) {
    await page.goto(`${server.url}${SEARCH_PATH}?q=${encodeURIComponent(query.query)}`);
    await page.waitForFunction(() => document.querySelector("[data-search-status]")?.textContent?.trim());
    const results = await page.evaluate(readSearchResults);
    const ok = rightFirst(query, results[0]?.href);
    if (ok) right += 1;
    const top = results
      .slice(0, 3)
      .map((result) => resultPath(result.href) + new URL(result.href, server.url).hash);
    lines.push(
      `| ${query.query} | ${query.kind} | ${query.expected.join(" or ") || "nothing"} | ${results.length} | ${top.join("<br>") || "—"} | ${ok ? "yes" : "**no**"} | ${results[0]?.excerpt ?? ""} |`,
    );
  }
  console.log(lines.join("\n"));
  const share = right / SEARCH_QUERIES.length;
  console.log(
    `\n${right} of ${SEARCH_QUERIES.length} queries (${(share * 100).toFixed(1)} %) put a right page first, or found nothing where nothing is; the target is ${SEARCH_TARGET * 100} %.`,
  );
} finally {
  await browser.close();
  await server.close();
}
