import { launch, type LaunchedChrome } from "chrome-launcher";
import lighthouse, { type Flags, type Result } from "lighthouse";
import { CHROMIUM_ARGS, ensureChromium } from "../../support/system-programs.ts";

export const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
export type Category = (typeof CATEGORIES)[number];

/** One Lighthouse run of one URL, reduced to the numbers the bench compares. */
export interface RunMetrics {
  /** Category scores 0–100. */
  scores: Record<Category, number>;
  fcpMs: number;
  lcpMs: number;
  speedIndexMs: number;
  tbtMs: number;
  cls: number;
  transferBytes: number;
  requests: number;
  jsBytes: number;
  cssBytes: number;
  /** What was loaded, so a change in bytes or requests can be traced to the file that caused it. */
  requestList: NetworkRequest[];
  /** The biggest layout shifts and the element each moved, so a CLS number comes with its cause. */
  layoutShifts: LayoutShift[];
  /** Lighthouse's CPU benchmark of this run: a drop says the machine was busy, not the page slow. */
  benchmarkIndex: number;
  /** Wall-clock seconds of the run, for the progress line and the run-time estimate. */
  wallSeconds: number;
  warnings: string[];
}

export interface NetworkRequest {
  url: string;
  resourceType: string;
  statusCode: number;
  transferBytes: number;
  resourceBytes: number;
}

export interface LayoutShift {
  score: number;
  selector: string;
  snippet: string;
}

/**
 * Throttling applied for real: the page loads over the slowed network (`devtools`), where the
 * simulation (Lantern) counts a module script as blocking the first paint, which it is not.
 * `BENCH_THROTTLING=simulate` gives PageSpeed Insights' way.
 */
export const THROTTLING_METHOD = process.env["BENCH_THROTTLING"] === "simulate" ? "simulate" : "devtools";

/** Lighthouse's mobile defaults (form factor, screen, "Slow 4G" with 4× CPU slowdown), throttled as above. */
const FLAGS: Flags = {
  logLevel: "error",
  output: "json",
  onlyCategories: [...CATEGORIES],
  throttlingMethod: THROTTLING_METHOD,
};

export const CHROME_FLAGS = ["--headless=new", ...CHROMIUM_ARGS];

export function launchChrome(): Promise<LaunchedChrome> {
  return launch({ chromePath: ensureChromium(), chromeFlags: CHROME_FLAGS, logLevel: "silent" });
}

function numericAudit(result: Result, id: string): number {
  const value = result.audits[id]?.numericValue;
  if (value === undefined) {
    const error = result.audits[id]?.errorMessage;
    throw new Error(
      `Lighthouse audit ${id} has no value${error ? `: ${error}` : ""} (${result.finalDisplayedUrl}).`,
    );
  }
  return value;
}

/** Transfer size and request count per resource type, from the resource-summary audit's table. */
function resourceSummary(result: Result): Map<string, { transferSize: number; requestCount: number }> {
  const details = result.audits["resource-summary"]?.details;
  if (details?.type !== "table") throw new Error("Lighthouse returned no resource-summary table.");
  const rows = new Map<string, { transferSize: number; requestCount: number }>();
  for (const item of details.items) {
    const { resourceType, transferSize, requestCount } = item;
    if (
      typeof resourceType === "string" &&
      typeof transferSize === "number" &&
      typeof requestCount === "number"
    ) {
      rows.set(resourceType, { transferSize, requestCount });
    }
  }
  return rows;
}

function requestList(result: Result): NetworkRequest[] {
  const details = result.audits["network-requests"]?.details;
  if (details?.type !== "table") throw new Error("Lighthouse returned no network-requests table.");
  // Same-origin URLs are shortened to their path: the port changes every run.
  const origin = new URL(result.finalDisplayedUrl).origin;
  return details.items.map((item) => ({
    url: typeof item["url"] === "string" ? item["url"].replace(origin, "") : "",
    resourceType: typeof item["resourceType"] === "string" ? item["resourceType"] : "",
    statusCode: typeof item["statusCode"] === "number" ? item["statusCode"] : 0,
    transferBytes: typeof item["transferSize"] === "number" ? item["transferSize"] : 0,
    resourceBytes: typeof item["resourceSize"] === "number" ? item["resourceSize"] : 0,
  }));
}

function layoutShifts(result: Result): LayoutShift[] {
  const details = result.audits["layout-shifts"]?.details;
  if (details?.type !== "table") return [];
  return details.items.flatMap((item) => {
    const { node, score } = item;
    if (typeof score !== "number") return [];
    const element =
      typeof node === "object" && node !== null && "type" in node && node.type === "node" ? node : undefined;
    return [{ score, selector: element?.selector ?? "", snippet: element?.snippet ?? "" }];
  });
}

function categoryScores(result: Result): Record<Category, number> {
  const scoreOf = (category: Category): number => {
    const score = result.categories[category]?.score;
    if (score === null || score === undefined) {
      throw new Error(`Lighthouse gave no ${category} score for ${result.finalDisplayedUrl}.`);
    }
    return Math.round(score * 100);
  };
  return {
    performance: scoreOf("performance"),
    accessibility: scoreOf("accessibility"),
    "best-practices": scoreOf("best-practices"),
    seo: scoreOf("seo"),
  };
}

export function metricsOf(result: Result, wallSeconds: number): RunMetrics {
  if (result.runtimeError) {
    throw new Error(`Lighthouse failed on ${result.requestedUrl}: ${result.runtimeError.message}`);
  }
  const summary = resourceSummary(result);
  return {
    scores: categoryScores(result),
    fcpMs: numericAudit(result, "first-contentful-paint"),
    lcpMs: numericAudit(result, "largest-contentful-paint"),
    speedIndexMs: numericAudit(result, "speed-index"),
    tbtMs: numericAudit(result, "total-blocking-time"),
    cls: numericAudit(result, "cumulative-layout-shift"),
    transferBytes: summary.get("total")?.transferSize ?? 0,
    requests: summary.get("total")?.requestCount ?? 0,
    jsBytes: summary.get("script")?.transferSize ?? 0,
    cssBytes: summary.get("stylesheet")?.transferSize ?? 0,
    requestList: requestList(result),
    layoutShifts: layoutShifts(result),
    benchmarkIndex: result.environment.benchmarkIndex,
    wallSeconds,
    warnings: result.runWarnings.map(String),
  };
}

/**
 * The page each load starts from, instead of Lighthouse's about:blank: a page of another site, as
 * a reader arrives from LINE, a search or a message. From about:blank Chromium keeps that tab's
 * renderer for a page that sends no Cross-Origin-Opener-Policy and starts a new one for a page that
 * does (every page of the site), which a visit from another site always does. To the browser,
 * `localhost` is another site than `127.0.0.1`; the bench's server answers both.
 */
export function arrivalPage(url: string): string {
  const arrival = new URL("/robots.txt", url);
  arrival.hostname = "localhost";
  return arrival.href;
}

/**
 * Runs Lighthouse on `url` in the Chrome listening on `port`. Lighthouse opens a fresh tab and
 * clears the origin's cache and storage before loading, so runs sharing one Chrome stay cold.
 */
export async function runLighthouse(url: string, port: number): Promise<RunMetrics> {
  const started = performance.now();
  const outcome = await lighthouse(url, { ...FLAGS, port, blankPage: arrivalPage(url) });
  if (!outcome) throw new Error(`Lighthouse returned nothing for ${url}.`);
  return metricsOf(outcome.lhr, (performance.now() - started) / 1000);
}

/**
 * How the bench gets a Chrome for each run: one shared across runs, or a new one per run. The
 * choice is measured (see `--chrome`), not assumed; both are kept so it can be measured again.
 */
export type ChromeMode = "shared" | "per-run";

export interface ChromePool {
  run: (url: string) => Promise<RunMetrics>;
  close: () => Promise<void>;
}

export async function chromePool(mode: ChromeMode): Promise<ChromePool> {
  if (mode === "per-run") {
    return {
      run: async (url) => {
        const chrome = await launchChrome();
        try {
          return await runLighthouse(url, chrome.port);
        } finally {
          chrome.kill();
        }
      },
      close: async () => {},
    };
  }
  let chrome = await launchChrome();
  return {
    run: async (url) => {
      // A crashed or hung Chrome would fail every later run; one fresh Chrome is worth a retry.
      try {
        return await runLighthouse(url, chrome.port);
      } catch (error) {
        console.error(`  Lighthouse failed (${String(error)}); retrying once with a new Chrome`);
        chrome.kill();
        chrome = await launchChrome();
        return await runLighthouse(url, chrome.port);
      }
    },
    close: async () => {
      chrome.kill();
    },
  };
}
