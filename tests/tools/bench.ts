/**
 * The performance bench: builds the site, serves it like a real host (gzip, cache headers), runs
 * Lighthouse on every page interleaved with a "floor" page (the same text as plain HTML), and
 * times builds of the project scaled to 10× and 50× the sections. Writes bench/results.json and
 * prints two Markdown tables on stdout; progress goes to stderr.
 *
 *   node tests/tools/bench.ts [--runs N] [--pages /,/line-koukan/reasons/] [--skip-scale] [--chrome shared|per-run]
 *
 * The same options can be set as BENCH_RUNS, BENCH_PAGES, BENCH_SKIP_SCALE=1 and BENCH_CHROME.
 * It is a tool, not a test: Lighthouse numbers move with the machine, so nothing here asserts.
 */
import { execFileSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { cpus, loadavg, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ensureChromium } from "../support/chromium.ts";
import { serveStatic, snapshotSite } from "../support/static-server.ts";
import { timedBuild, type BuildMeasurement } from "./bench/build.ts";
import { FLOOR_PATH, floorPage } from "./bench/floor.ts";
import { chromePool, type ChromeMode, type RunMetrics } from "./bench/lighthouse.ts";
import {
  medianMetrics,
  pagesTable,
  ratiosToFloor,
  scaleTable,
  type FloorRatios,
  type MedianMetrics,
  type PageRow,
  type ScaleRow,
} from "./bench/report.ts";
import { MAX_SECTIONS, scaledProject } from "./bench/scale.ts";

const projectRoot = resolve(import.meta.dirname, "../..");
const resultsFile = join(projectRoot, "bench/results.json");
const SCALE_FACTORS = [1, 10, 50];

const startedAt = performance.now();
const elapsed = () => {
  const seconds = Math.round((performance.now() - startedAt) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
};
const progress = (message: string) => console.error(`[bench ${elapsed()}] ${message}`);

interface Options {
  runs: number;
  pages: string[] | undefined;
  skipScale: boolean;
  chrome: ChromeMode;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      runs: { type: "string" },
      pages: { type: "string" },
      "skip-scale": { type: "boolean" },
      chrome: { type: "string" },
    },
  });
  const runs = Number(values.runs ?? process.env["BENCH_RUNS"] ?? 3);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1, not ${runs}.`);
  const pages = (values.pages ?? process.env["BENCH_PAGES"])
    ?.split(",")
    .map((page) => page.trim())
    .filter(Boolean);
  const chrome = values.chrome ?? process.env["BENCH_CHROME"] ?? "shared";
  if (chrome !== "shared" && chrome !== "per-run") {
    throw new Error(`--chrome must be "shared" or "per-run", not "${chrome}".`);
  }
  const skipScale = values["skip-scale"] ?? ["1", "true"].includes(process.env["BENCH_SKIP_SCALE"] ?? "");
  return { runs, pages, skipScale, chrome };
}

/**
 * The pages to measure: every built page but 404 (a missing path is not a reading path): the home
 * page, the first article, then its sections in reading order (where each section's h2 id sits in
 * the article), then the other articles' pages.
 */
function pagesToMeasure(
  paths: readonly string[],
  articlePath: string,
  articleHtml: string,
  requested: string[] | undefined,
): string[] {
  const readingPosition = (page: string) => {
    if (page === "/") return -2;
    if (page === articlePath) return -1;
    if (!page.startsWith(articlePath)) return Number.MAX_SAFE_INTEGER;
    const position = articleHtml.indexOf(`id="${page.split("/").at(-2)}"`);
    return position === -1 ? Number.MAX_SAFE_INTEGER : position;
  };
  const built = paths
    .filter((path) => path.endsWith("/index.html"))
    .map((path) => path.slice(0, -"index.html".length))
    .sort((a, b) => readingPosition(a) - readingPosition(b) || a.localeCompare(b));
  if (!requested) return built;
  const unknown = requested.filter((page) => !built.includes(page));
  if (unknown.length > 0) {
    throw new Error(
      `--pages names pages the build has not: ${unknown.join(", ")} (built: ${built.join(", ")})`,
    );
  }
  return requested;
}

async function lighthouseVersion(): Promise<string> {
  const manifest: unknown = JSON.parse(
    await readFile(join(projectRoot, "node_modules/lighthouse/package.json"), "utf8"),
  );
  const version =
    typeof manifest === "object" && manifest !== null && "version" in manifest ? manifest.version : "";
  return typeof version === "string" ? version : "unknown";
}

function chromiumVersion(): string {
  try {
    // Debian's wrapper script complains on stderr about its own flags check; only stdout matters.
    return execFileSync(ensureChromium(), ["--version"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return "unknown";
  }
}

interface PageResult {
  path: string;
  median: MedianMetrics;
  /** Median of the floor runs interleaved with this page's runs: the pair measured side by side. */
  floorMedian: MedianMetrics;
  ratios: FloorRatios;
  runs: RunMetrics[];
  floorRuns: RunMetrics[];
}

const options = readOptions();
progress(
  `options: runs ${options.runs}, chrome ${options.chrome}, scale ${options.skipScale ? "skipped" : SCALE_FACTORS.map((factor) => `${factor}×`).join("/")}`,
);

progress("building the site (astro build → dist/)");
const siteBuild = await timedBuild(projectRoot);
progress(`built ${siteBuild.pages} pages in ${siteBuild.seconds.toFixed(1)} s`);

// Copied once, right after our build: others working in this tree may rebuild dist/ meanwhile.
const site = await snapshotSite(join(projectRoot, "dist"));
/** The first article in path order: its full page gives the floor its text. */
const articlePath = site.paths
  .filter((path) => /^\/[^/]+\/index\.html$/.test(path))
  .map((path) => path.slice(0, -"index.html".length))
  .sort()[0];
if (!articlePath) throw new Error("The build wrote no article page (dist/<article>/index.html).");
const articleHtml = await readFile(join(site.dir, articlePath, "index.html"), "utf8").catch(() => {
  throw new Error(`The build wrote no dist${articlePath}index.html.`);
});
const floor = floorPage(articleHtml);
const floorFile = await site.add(`${FLOOR_PATH}index.html`, floor.html);
const pages = pagesToMeasure(site.paths, articlePath, articleHtml, options.pages);
progress(
  `floor page: ${floor.blockCount} blocks, ${floor.textLength} characters of text, ${floorFile.bytes} bytes (${floorFile.gzippedBytes ?? 0} gzipped)`,
);

// The floor is not the site: the site's headers, its Content Security Policy above all, are not its.
const server = await serveStatic(site.dir, { withoutSiteHeaders: [FLOOR_PATH] });
const pool = await chromePool(options.chrome);
const pageResults: PageResult[] = [];
const allFloorRuns: RunMetrics[] = [];
const totalRuns = pages.length * options.runs * 2;
let runsDone = 0;
let lighthouseSeconds = 0;
const measure = async (path: string, label: string): Promise<RunMetrics> => {
  const metrics = await pool.run(server.url + path);
  runsDone += 1;
  lighthouseSeconds += metrics.wallSeconds;
  const left = ((totalRuns - runsDone) * lighthouseSeconds) / runsDone / 60;
  progress(
    `lighthouse ${runsDone}/${totalRuns} ${label}: perf ${metrics.scores.performance}, LCP ${Math.round(metrics.lcpMs)} ms, ` +
      `SI ${Math.round(metrics.speedIndexMs)} ms, ${metrics.transferBytes} B, CPU index ${Math.round(metrics.benchmarkIndex)} ` +
      `(${metrics.wallSeconds.toFixed(1)} s, ~${left.toFixed(1)} min of Lighthouse left)`,
  );
  for (const warning of metrics.warnings) progress(`  warning: ${warning}`);
  return metrics;
};

try {
  // The first run pays for loading Lighthouse's own modules and a cold Chrome; no page should carry that.
  progress("warm-up run (not recorded)");
  await pool.run(server.url + FLOOR_PATH);
  for (const path of pages) {
    const runs: RunMetrics[] = [];
    const floorRuns: RunMetrics[] = [];
    // Page, floor, page, floor …: a slow spell on a shared machine hits both sides of the ratio.
    for (let run = 1; run <= options.runs; run++) {
      runs.push(await measure(path, `${path} run ${run}/${options.runs}`));
      floorRuns.push(await measure(FLOOR_PATH, `floor (for ${path}) run ${run}/${options.runs}`));
    }
    allFloorRuns.push(...floorRuns);
    const median = medianMetrics(runs);
    const floorMedian = medianMetrics(floorRuns);
    pageResults.push({
      path,
      median,
      floorMedian,
      ratios: ratiosToFloor(median, floorMedian),
      runs,
      floorRuns,
    });
  }
} finally {
  await pool.close();
  await server.close();
  await site.remove();
}

const scaleRows: (ScaleRow & { factor: number; requestedSections: number })[] = [];
const notes: string[] = [];
if (!options.skipScale) {
  for (const factor of SCALE_FACTORS) {
    const project = await scaledProject(projectRoot, factor);
    const capped = project.sections < project.requestedSections;
    progress(
      `building a ${factor}× copy: ${project.sections} sections${capped ? ` (asked ${project.requestedSections}, capped by order ≤ ${MAX_SECTIONS})` : ""} in ${project.dir}`,
    );
    let build: BuildMeasurement;
    try {
      build = await timedBuild(project.dir);
    } finally {
      await project.remove();
    }
    progress(
      `  ${build.pages} pages in ${build.seconds.toFixed(1)} s, peak ${Math.round(build.peakMemoryMiB)} MiB`,
    );
    scaleRows.push({
      ...build,
      label: `${factor}× copy${capped ? ` (capped ${project.sections}/${project.requestedSections})` : ""}`,
      factor,
      sections: project.sections,
      requestedSections: project.requestedSections,
    });
    if (capped) {
      notes.push(
        `${factor}× asks for ${project.requestedSections} sections, but the content schema allows order 1–${MAX_SECTIONS}; built ${project.sections}.`,
      );
    }
  }
  const [first, ...rest] = scaleRows;
  const last = rest.at(-1);
  if (first && last && last.pages > first.pages) {
    const marginalMs = ((last.seconds - first.seconds) * 1000) / (last.pages - first.pages);
    notes.push(
      `Marginal build cost from ${first.sections} to ${last.sections} sections: ${Math.round(marginalMs)} ms per added page; ` +
        `the rest of a build is fixed start-up cost.`,
    );
  }
}

const siteSections = pagesToMeasure(site.paths, articlePath, articleHtml, undefined).filter(
  (page) => page !== "/",
).length;
const floorMedian = allFloorRuns.length > 0 ? medianMetrics(allFloorRuns) : undefined;
const durationSeconds = (performance.now() - startedAt) / 1000;
const results = {
  generatedAt: new Date().toISOString(),
  durationSeconds,
  options,
  environment: {
    node: process.version,
    lighthouse: await lighthouseVersion(),
    chromium: chromiumVersion(),
    cpus: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverageAtEnd: loadavg(),
  },
  siteBuild,
  server: {
    gzip: "level 9 for html/css/js/svg/xml/json/txt when accepted",
    // Whether the build's own host rules (CSP, cache) were on the responses, as on Netlify/Cloudflare.
    siteHeadersFileApplied: site.paths.includes("/_headers"),
  },
  floor: {
    path: FLOOR_PATH,
    htmlBytes: floorFile.bytes,
    gzippedBytes: floorFile.gzippedBytes,
    blocks: floor.blockCount,
    median: floorMedian,
    runs: allFloorRuns,
  },
  pages: pageResults,
  scale: scaleRows,
  notes,
};
await mkdir(join(projectRoot, "bench"), { recursive: true });
await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);

const rows: PageRow[] = pageResults.map(({ path, median, ratios }) => ({ label: path, median, ratios }));
if (floorMedian)
  rows.push({ label: "floor", median: floorMedian, ratios: ratiosToFloor(floorMedian, floorMedian) });
const lines = [
  `## Pages: median of ${options.runs} run(s) each, Lighthouse ${results.environment.lighthouse} mobile ` +
    `(simulated throttling), ${results.environment.chromium}; ratios are to the floor runs interleaved with each page`,
  "",
  pagesTable(rows),
  "",
  `Site build (dist/, warm content cache): ${siteBuild.seconds.toFixed(1)} s for ${siteBuild.pages} pages ` +
    `(${siteSections} section pages), peak ${Math.round(siteBuild.peakMemoryMiB)} MiB.`,
];
if (scaleRows.length > 0) {
  lines.push("", "## Build scaling (cold builds of temporary copies)", "", scaleTable(scaleRows));
}
if (notes.length > 0) lines.push("", ...notes.map((note) => `- ${note}`));
lines.push("", `Bench took ${(durationSeconds / 60).toFixed(1)} min; results in ${resultsFile}.`);
console.log(lines.join("\n"));
