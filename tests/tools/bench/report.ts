import type { BuildMeasurement } from "./build.ts";
import { CATEGORIES, type Category, type RunMetrics } from "./lighthouse.ts";

/** The numbers of a page once its runs are reduced to medians. */
export type MedianMetrics = Omit<RunMetrics, "warnings" | "wallSeconds" | "requestList" | "layoutShifts">;

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  // An even count (e.g. --runs 2) averages the two middle values rather than favouring one.
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

/**
 * Each metric's median on its own: the median run by one metric can be an outlier by another, so
 * no single run is picked as "the median run".
 */
export function medianMetrics(runs: readonly RunMetrics[]): MedianMetrics {
  const of = (pick: (run: RunMetrics) => number) => median(runs.map(pick));
  const scores = {} as Record<Category, number>;
  for (const category of CATEGORIES) scores[category] = of((run) => run.scores[category]);
  return {
    scores,
    fcpMs: of((run) => run.fcpMs),
    lcpMs: of((run) => run.lcpMs),
    speedIndexMs: of((run) => run.speedIndexMs),
    tbtMs: of((run) => run.tbtMs),
    cls: of((run) => run.cls),
    transferBytes: of((run) => run.transferBytes),
    requests: of((run) => run.requests),
    jsBytes: of((run) => run.jsBytes),
    cssBytes: of((run) => run.cssBytes),
    benchmarkIndex: of((run) => run.benchmarkIndex),
  };
}

export interface FloorRatios {
  lcp: number;
  speedIndex: number;
  transferBytes: number;
}

export function ratiosToFloor(page: MedianMetrics, floor: MedianMetrics): FloorRatios {
  return {
    lcp: page.lcpMs / floor.lcpMs,
    speedIndex: page.speedIndexMs / floor.speedIndexMs,
    transferBytes: page.transferBytes / floor.transferBytes,
  };
}

export interface PageRow {
  label: string;
  median: MedianMetrics;
  ratios: FloorRatios;
}

const ms = (value: number) => `${Math.round(value).toLocaleString("en-US")}`;
const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const ratio = (value: number) => `${value.toFixed(2)}×`;

function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const numeric = header.map((_, column) => column > 0);
  const separator = numeric.map((right) => (right ? "---:" : ":---"));
  return [header, separator, ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

export function pagesTable(rows: readonly PageRow[]): string {
  return markdownTable(
    [
      "page",
      "perf/a11y/bp/seo",
      "FCP ms",
      "LCP ms",
      "SI ms",
      "TBT ms",
      "CLS",
      "bytes KiB",
      "requests",
      "JS KiB",
      "CSS KiB",
      "LCP ratio",
      "SI ratio",
      "bytes ratio",
    ],
    rows.map(({ label, median: m, ratios }) => [
      label,
      CATEGORIES.map((category) => m.scores[category]).join("/"),
      ms(m.fcpMs),
      ms(m.lcpMs),
      ms(m.speedIndexMs),
      ms(m.tbtMs),
      m.cls.toFixed(3),
      kib(m.transferBytes),
      String(m.requests),
      kib(m.jsBytes),
      kib(m.cssBytes),
      ratio(ratios.lcp),
      ratio(ratios.speedIndex),
      ratio(ratios.transferBytes),
    ]),
  );
}

export interface ScaleRow extends BuildMeasurement {
  label: string;
  sections: number;
}

export function scaleTable(rows: readonly ScaleRow[]): string {
  return markdownTable(
    ["build", "sections", "pages", "files", "build s", "ms/page", "peak MiB"],
    rows.map((row) => [
      row.label,
      String(row.sections),
      String(row.pages),
      String(row.outputFiles),
      row.seconds.toFixed(1),
      Math.round(row.msPerPage).toString(),
      Math.round(row.peakMemoryMiB).toString(),
    ]),
  );
}
