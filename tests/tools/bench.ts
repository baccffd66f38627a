/**
 * The performance bench: builds the site, serves it like a real host (gzip, cache headers), runs
 * Lighthouse on every page interleaved with a "floor" page (the same text as plain HTML), then
 * the publication run: temporary copies of the project publishing 1 and 200 copies of the
 * articles, each built cold (no caches), again unchanged, and after one edited sentence. Writes
 * bench/results.json and prints Markdown tables on stdout; progress goes to stderr, build logs
 * (and CPU profiles with --cpu-prof) to tests/.output/bench/.
 *
 *   node tests/tools/bench.ts [--runs N] [--pages /,/line-koukan/] [--skip-scale | --scale-only]
 *                             [--articles 1,200,1000] [--cpu-prof] [--chrome shared|per-run]
 *
 * The same options can be set as BENCH_RUNS, BENCH_PAGES, BENCH_SKIP_SCALE=1, BENCH_SCALE_ONLY=1,
 * BENCH_ARTICLES, BENCH_CPU_PROF=1 and BENCH_CHROME. It is a tool, not a test: the numbers move
 * with the machine, so nothing here asserts.
 */
import { execFileSync } from "node:child_process";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { cpus, loadavg, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ensureChromium } from "../support/system-programs.ts";
import { timedBuild, type BuildMeasurement } from "./bench/build.ts";
import { serveStatic, snapshotSite } from "../support/static-server.ts";
import { FLOOR_PATH, floorPage } from "./bench/floor.ts";
import { chromePool, THROTTLING_METHOD, type ChromeMode, type RunMetrics } from "./bench/lighthouse.ts";
import {
  lcpRatioRange,
  medianMetrics,
  pagesTable,
  phasesTable,
  ratiosToFloor,
  scaleTable,
  type FloorRatios,
  type MedianMetrics,
  type PageRow,
  type ScaleRow,
} from "./bench/report.ts";
import { summarizeProfile, type ProfileSummary } from "./bench/profile.ts";
import { CPU_SLOWDOWN, measureSearch } from "./bench/search.ts";
import {
  ARTICLE_COUNTS,
  articleFolder,
  BUILD_KINDS,
  editOneSentence,
  publicationProject,
  TARGETS,
} from "./bench/scale.ts";

const projectRoot = resolve(import.meta.dirname, "../..");
const resultsFile = join(projectRoot, "bench/results.json");
/** Build logs and CPU profiles of the publication run: git-ignored, kept until the next run. */
const outputDir = join(projectRoot, "tests/.output/bench");

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
  /** Only the publication run: no site build in this tree, no Lighthouse. */
  scaleOnly: boolean;
  articles: number[];
  cpuProf: boolean;
  chrome: ChromeMode;
}

const flag = (value: boolean | undefined, variable: string) =>
  value ?? ["1", "true"].includes(process.env[variable] ?? "");

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      runs: { type: "string" },
      pages: { type: "string" },
      "skip-scale": { type: "boolean" },
      "scale-only": { type: "boolean" },
      articles: { type: "string" },
      "cpu-prof": { type: "boolean" },
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
  const skipScale = flag(values["skip-scale"], "BENCH_SKIP_SCALE");
  const scaleOnly = flag(values["scale-only"], "BENCH_SCALE_ONLY");
  if (skipScale && scaleOnly) throw new Error("--skip-scale and --scale-only leave nothing to run.");
  const articlesOption = values.articles ?? process.env["BENCH_ARTICLES"];
  const articles = articlesOption
    ? articlesOption.split(",").map((count) => Number(count.trim()))
    : ARTICLE_COUNTS;
  const badCount = articles.find((count) => !Number.isInteger(count) || count < 1 || count > 9999);
  if (badCount !== undefined) {
    throw new Error(`--articles takes whole numbers 1–9999 (folders a0001 … a9999), not ${badCount}.`);
  }
  return {
    runs,
    pages,
    skipScale,
    scaleOnly,
    articles,
    chrome,
    cpuProf: flag(values["cpu-prof"], "BENCH_CPU_PROF"),
  };
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

interface LighthouseResults {
  siteBuild: BuildMeasurement;
  /** Section pages of the site, for the summary line. */
  siteSections: number;
  siteHeadersFileApplied: boolean;
  floor: { htmlBytes: number; gzippedBytes: number | undefined; blocks: number };
  floorMedian: MedianMetrics | undefined;
  allFloorRuns: RunMetrics[];
  pageResults: PageResult[];
}

async function runLighthouse(options: Options): Promise<LighthouseResults> {
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
  const articleHtml = await readFile(join(site.dir, articlePath, "index.html"), "utf8");
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

  return {
    siteBuild,
    siteSections: pagesToMeasure(site.paths, articlePath, articleHtml, undefined).filter(
      (page) => page !== "/",
    ).length,
    siteHeadersFileApplied: site.paths.includes("/_headers"),
    floor: {
      htmlBytes: floorFile.bytes,
      gzippedBytes: floorFile.gzippedBytes,
      blocks: floor.blockCount,
    },
    floorMedian: allFloorRuns.length > 0 ? medianMetrics(allFloorRuns) : undefined,
    allFloorRuns,
    pageResults,
  };
}

async function countFiles(dir: string, extension: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(extension)).length;
}

/** The summary of the build's main-thread profile: the largest one Node wrote (threads write their own). */
async function mainThreadProfile(dir: string): Promise<ProfileSummary | undefined> {
  const files = (await readdir(dir).catch(() => [])).filter((file) => file.endsWith(".cpuprofile"));
  const sizes = await Promise.all(
    files.map(async (file) => ({ file, size: (await stat(join(dir, file))).size })),
  );
  const largest = sizes.sort((a, b) => b.size - a.size)[0];
  return largest ? summarizeProfile(join(dir, largest.file)) : undefined;
}

/** Wall seconds of `npm run check-content` in `projectDir`, which must find nothing wrong. */
function timedCheckContent(projectDir: string): number {
  const started = performance.now();
  execFileSync(process.execPath, ["src/cli/check-content.ts"], { cwd: projectDir, stdio: "pipe" });
  return (performance.now() - started) / 1000;
}

/**
 * Each site size in a copy of its own: the first build starts with every cache empty (cold),
 * the second reuses what the first left (warm), as a rebuild after an edit does.
 */
async function runPublication(options: Options): Promise<ScaleRow[]> {
  await rm(outputDir, { recursive: true, force: true });
  await mkdir(outputDir, { recursive: true });
  const rows: ScaleRow[] = [];
  for (const articles of options.articles) {
    const project = await publicationProject(articles);
    progress(
      `publication copy: ${articles} article(s) (${articleFolder(1)} … ${articleFolder(articles)}) in ${project.dir}`,
    );
    try {
      const checkContentSeconds = timedCheckContent(project.dir);
      progress(`  check-content: ${checkContentSeconds.toFixed(1)} s`);
      for (const cache of BUILD_KINDS) {
        if (cache === "edit") await editOneSentence(project.dir);
        const name = `${articles}-articles-${cache}`;
        const logFile = join(outputDir, `${name}.log`);
        // A folder per build: Node names each thread's profile itself, so none overwrites another.
        const profileDir = join(outputDir, `${name}.cpuprofiles`);
        const nodeArguments = options.cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
        const loadAtStart = loadavg()[0] ?? 0;
        progress(`  ${cache} build (load ${loadAtStart.toFixed(1)}) …`);
        const build = await timedBuild(project.dir, { logFile, nodeArguments });
        const row: ScaleRow = {
          ...build,
          label: `${articles} article${articles === 1 ? "" : "s"}, ${KIND_LABEL[cache]}`,
          articles,
          cache,
          cards: await countFiles(join(project.dir, "dist/og"), ".png"),
          loadAverage: [loadAtStart, loadavg()[0] ?? 0],
          profile: options.cpuProf ? await mainThreadProfile(profileDir) : undefined,
          checkContentSeconds: cache === "cold" ? checkContentSeconds : undefined,
          search: cache === "cold" ? await measureSearch(join(project.dir, "dist")) : undefined,
        };
        rows.push(row);
        progress(
          `  ${cache}: ${row.pages} pages, ${row.cards} cards in ${row.seconds.toFixed(1)} s ` +
            `(${Math.round(row.msPerPage)} ms/page), peak ${Math.round(row.peakMemoryMiB)} MiB; log ${logFile}`,
        );
      }
    } finally {
      await project.remove();
    }
  }
  return rows;
}

interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

/** A build's CPU time beside its wall time: what the build would take alone on an idle machine, roughly. */
const cpuNote = (row: ScaleRow) =>
  `${row.cpuSeconds === undefined ? "CPU time unknown" : `${row.cpuSeconds.toFixed(1)} CPU s`}, load ${row.loadAverage
    .map((load) => load.toFixed(1))
    .join("→")}`;

const KIND_LABEL = { cold: "cold", warm: "nothing changed", edit: "one section edited" } as const;

/** The publication run against TARGETS, for the builds it made (a target needs its site size). */
function checkTargets(rows: readonly ScaleRow[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const row of rows) {
    const seconds = TARGETS.seconds[row.articles]?.[row.cache];
    if (seconds !== undefined)
      checks.push({
        target: `${row.label} ≤ ${seconds} s`,
        measured: `${row.seconds.toFixed(1)} s (${cpuNote(row)})`,
        met: row.seconds <= seconds,
      });
  }
  for (const row of rows) {
    const target = TARGETS.search[row.articles];
    if (!target || !row.search) continue;
    const { query, bytes, wasmBytes, ms, results } = row.search;
    checks.push({
      target: `${row.articles} articles: search ${query} downloads ≤ ${target.kib} KiB`,
      measured: `${(bytes / 1024).toFixed(1)} KiB (WebAssembly ${(wasmBytes / 1024).toFixed(1)} KiB), ${results} results shown`,
      met: bytes <= target.kib * 1024,
    });
    checks.push({
      target: `${row.articles} articles: search ${query} shows its results ≤ ${target.ms} ms with the CPU ${CPU_SLOWDOWN}× slower`,
      measured: `${Math.round(ms)} ms`,
      met: ms <= target.ms,
    });
  }
  for (const row of rows) {
    const limit = TARGETS.checkContentSeconds[row.articles];
    if (limit !== undefined && row.checkContentSeconds !== undefined)
      checks.push({
        target: `${row.articles} articles: npm run check-content ≤ ${limit} s`,
        measured: `${row.checkContentSeconds.toFixed(1)} s`,
        met: row.checkContentSeconds <= limit,
      });
  }
  for (const articles of Object.keys(TARGETS.peakMemoryMiB).map(Number)) {
    const ofSize = rows.filter((row) => row.articles === articles);
    const limit = TARGETS.peakMemoryMiB[articles];
    if (ofSize.length === 0 || limit === undefined) continue;
    const peak = Math.max(...ofSize.map((row) => row.peakMemoryMiB));
    checks.push({
      target: `${articles} articles: peak memory ≤ ${limit} MiB`,
      measured: `${Math.round(peak)} MiB`,
      met: peak <= limit,
    });
  }
  return checks;
}

/** What each added page costs, from the smallest site to the largest, for each kind of build. */
function marginalCosts(rows: readonly ScaleRow[]): string[] {
  return BUILD_KINDS.flatMap((cache) => {
    const ofCache = rows.filter((row) => row.cache === cache).sort((a, b) => a.pages - b.pages);
    const first = ofCache[0];
    const last = ofCache.at(-1);
    if (!first || !last || last.pages <= first.pages) return [];
    const marginalMs = ((last.seconds - first.seconds) * 1000) / (last.pages - first.pages);
    return [
      `${cache}: from ${first.articles} to ${last.articles} articles each added page cost ${Math.round(marginalMs)} ms; ` +
        `the ${first.seconds.toFixed(1)} s of the ${first.articles}-article build is mostly fixed start-up cost.`,
    ];
  });
}

async function previousResults(): Promise<Record<string, unknown>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(resultsFile, "utf8"));
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const options = readOptions();
progress(
  `options: ${options.scaleOnly ? "Lighthouse skipped" : `runs ${options.runs}, chrome ${options.chrome}`}, ` +
    `publication run ${options.skipScale ? "skipped" : `${options.articles.join("/")} articles${options.cpuProf ? ", CPU profiles" : ""}`}; ` +
    `load ${loadavg()
      .map((load) => load.toFixed(1))
      .join(" ")}`,
);

const lighthouse = options.scaleOnly ? undefined : await runLighthouse(options);
const scaleLoadAtStart = loadavg();
const scaleRows = options.skipScale ? [] : await runPublication(options);
const targets = checkTargets(scaleRows);
const notes = marginalCosts(scaleRows);

const durationSeconds = (performance.now() - startedAt) / 1000;
const environment = {
  node: process.version,
  lighthouse: await lighthouseVersion(),
  chromium: lighthouse ? chromiumVersion() : undefined,
  cpus: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  loadAverageAtEnd: loadavg(),
};
// A run of one part keeps the other part's last figures: a scale-only run must not erase Lighthouse's.
const results = {
  ...(await previousResults()),
  generatedAt: new Date().toISOString(),
  durationSeconds,
  options,
  environment,
  ...(lighthouse && {
    siteBuild: lighthouse.siteBuild,
    server: {
      gzip: "level 9 for html/css/js/svg/xml/json/txt when accepted",
      // Whether the build's own host rules (CSP, cache) were on the responses, as on Netlify/Cloudflare.
      siteHeadersFileApplied: lighthouse.siteHeadersFileApplied,
    },
    floor: {
      path: FLOOR_PATH,
      ...lighthouse.floor,
      median: lighthouse.floorMedian,
      runs: lighthouse.allFloorRuns,
    },
    pages: lighthouse.pageResults,
  }),
  ...(scaleRows.length > 0 && {
    scale: {
      measuredAt: new Date().toISOString(),
      loadAverageAtStart: scaleLoadAtStart,
      loadAverageAtEnd: loadavg(),
      builds: scaleRows,
      targets,
      notes,
    },
  }),
};
await mkdir(join(projectRoot, "bench"), { recursive: true });
await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);

const lines: string[] = [];
if (lighthouse) {
  const rows: PageRow[] = lighthouse.pageResults.map(({ path, median, ratios, runs, floorRuns }) => ({
    label: path,
    median,
    ratios,
    lcpRange: lcpRatioRange(runs, floorRuns),
  }));
  const { floorMedian, siteBuild } = lighthouse;
  if (floorMedian) {
    rows.push({ label: "floor", median: floorMedian, ratios: ratiosToFloor(floorMedian, floorMedian) });
  }
  lines.push(
    `## Pages: median of ${options.runs} run(s) each, Lighthouse ${environment.lighthouse} mobile ` +
      `(${THROTTLING_METHOD} throttling), ${environment.chromium}; ratios are to the floor runs interleaved with each page`,
    "",
    pagesTable(rows),
    "",
    `Site build (dist/, warm content cache): ${siteBuild.seconds.toFixed(1)} s for ${siteBuild.pages} pages ` +
      `(${lighthouse.siteSections} section pages), peak ${Math.round(siteBuild.peakMemoryMiB)} MiB.`,
  );
}
if (scaleRows.length > 0) {
  if (lines.length > 0) lines.push("");
  lines.push(
    `## Publication run: copies of the site with ${options.articles.join(", ")} articles, each built cold, again with nothing changed, then with one sentence edited`,
    "",
    scaleTable(scaleRows),
    "",
    "peak MiB: the build's process tree (RSS summed, polled every 250 ms) or its largest process " +
      "(kernel high-water mark, GNU time), whichever is higher; load 1m: load average at start → end.",
    "",
    "Where the time went, from each build's log (routes: Astro's per-route times, summed; start-up: " +
      "the wall time Astro's own total leaves out):",
    "",
    phasesTable(scaleRows),
  );
  if (targets.length > 0) {
    lines.push(
      "",
      ...targets.map(({ target, measured, met }) => `- ${met ? "met" : "MISSED"}: ${target}: ${measured}`),
    );
  }
  if (notes.length > 0) lines.push(...notes.map((note) => `- ${note}`));
  for (const { label, profile } of scaleRows) {
    if (!profile) continue;
    const list = (entries: readonly { name: string; ms: number }[]) =>
      entries.map(({ name, ms }) => `  - ${ms.toLocaleString("en-US")} ms ${name}`);
    lines.push(
      "",
      `### CPU profile, ${label}: ${profile.totalMs.toLocaleString("en-US")} ms sampled on the main thread (${profile.file})`,
      "",
      "- own time by area:",
      ...list(profile.byArea),
      "- own time by function:",
      ...list(profile.topSelf),
      "- time by function, callees included:",
      ...list(profile.topInclusive),
    );
  }
}
lines.push("", `Bench took ${(durationSeconds / 60).toFixed(1)} min; results in ${resultsFile}.`);
console.log(lines.join("\n"));
