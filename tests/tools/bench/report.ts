import type { SearchMeasurement } from "./search.ts";
import type { BuildKind } from "./scale.ts";
import type { BuildMeasurement } from "./build.ts";
import type { ProfileSummary } from "./profile.ts";
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

/**
 * The lowest and highest LCP ratio of one page run to the floor run beside it. Lighthouse's LCP
 * varies by a few percent from load to load, so a median ratio means little without its spread.
 */
export function lcpRatioRange(
  runs: readonly RunMetrics[],
  floorRuns: readonly RunMetrics[],
): { low: number; high: number } {
  const ratios = runs.flatMap((run, index) => {
    const floor = floorRuns[index];
    return floor ? [run.lcpMs / floor.lcpMs] : [];
  });
  if (ratios.length === 0) throw new Error("no page run has a floor run beside it");
  return { low: Math.min(...ratios), high: Math.max(...ratios) };
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
  /** From lcpRatioRange; absent for the floor's own row. */
  lcpRange?: { low: number; high: number } | undefined;
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
      "LCP ratio, run by run",
      "SI ratio",
      "bytes ratio",
    ],
    rows.map(({ label, median: m, ratios, lcpRange }) => [
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
      lcpRange ? `${ratio(lcpRange.low)}–${ratio(lcpRange.high)}` : "",
      ratio(ratios.speedIndex),
      ratio(ratios.transferBytes),
    ]),
  );
}

export interface ScaleRow extends BuildMeasurement {
  label: string;
  articles: number;
  /** Cold: the copy's first build, every cache empty; warm: its second, nothing changed; edit: one sentence changed. */
  cache: BuildKind;
  /** Share-card PNGs in the output. */
  cards: number;
  /** One-minute load average when the build started and when it ended. */
  loadAverage: [start: number, end: number];
  /** With --cpu-prof: the build's main thread, summarised. */
  profile: ProfileSummary | undefined;
  /** Wall seconds of `npm run check-content` on the same content, measured once per size (cold row). */
  checkContentSeconds?: number | undefined;
  /** The first search on the cold build's site (bench/search.ts). */
  search?: SearchMeasurement | undefined;
}

export function scaleTable(rows: readonly ScaleRow[]): string {
  return markdownTable(
    [
      "build",
      "articles",
      "pages",
      "cards",
      "files",
      "build s",
      "CPU s",
      "ms/page",
      "CPU ms/page",
      "peak MiB",
      "procs",
      "load 1m",
      "pictures",
      "picture KiB",
      "check-content s",
      "search KiB",
      "search ms",
    ],
    rows.map((row) => [
      row.label,
      String(row.articles),
      String(row.pages),
      String(row.cards),
      String(row.outputFiles),
      row.seconds.toFixed(1),
      row.cpuSeconds === undefined ? "–" : row.cpuSeconds.toFixed(1),
      Math.round(row.msPerPage).toString(),
      row.cpuSeconds === undefined ? "–" : Math.round((row.cpuSeconds * 1000) / row.pages).toString(),
      Math.round(row.peakMemoryMiB).toString(),
      String(row.maxProcesses),
      row.loadAverage.map((load) => load.toFixed(1)).join("→"),
      String(row.pictures.files),
      Math.round(row.pictures.bytes / 1024).toString(),
      row.checkContentSeconds === undefined ? "–" : row.checkContentSeconds.toFixed(1),
      row.search ? (row.search.bytes / 1024).toFixed(1) : "–",
      row.search ? Math.round(row.search.ms).toString() : "–",
    ]),
  );
}

const seconds = (ms: number | undefined) => (ms === undefined ? "–" : (ms / 1000).toFixed(1));

/** Where each build's time went, from its log; see `BuildPhases`. */
export function phasesTable(rows: readonly ScaleRow[]): string {
  return markdownTable(
    [
      "build",
      "wall s",
      "start-up s",
      "bundle s",
      "routes s",
      "cards s",
      "slowest card s",
      "pages s",
      "post-build s",
      "search index s",
    ],
    rows.map(({ label, seconds: wall, phases }) => {
      const postBuild = Object.values(phases.postBuildMs).reduce((sum, ms) => sum + ms, 0);
      const searchIndex = phases.searchIndexMs;
      return [
        label,
        wall.toFixed(1),
        phases.astroMs === undefined ? "–" : (wall - (phases.astroMs + (searchIndex ?? 0)) / 1000).toFixed(1),
        seconds(phases.bundleMs),
        seconds(phases.routesMs),
        seconds(phases.cardsMs),
        seconds(phases.slowestCardMs),
        seconds(phases.pagesMs),
        seconds(postBuild),
        seconds(searchIndex),
      ];
    }),
  );
}
