import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { builtPages } from "../../support/built-site.ts";

export interface BuildMeasurement {
  seconds: number;
  /** User + system CPU seconds of the build and its children, when `/usr/bin/time` reported them. */
  cpuSeconds: number | undefined;
  /**
   * Peak resident memory of the build in MiB: the larger of the process tree's summed RSS (polled)
   * and the kernel's high-water mark of its largest process (GNU time), as polling can miss a spike.
   */
  peakMemoryMiB: number;
  /** Highest summed RSS of the build's process tree seen by polling /proc (`POLL_INTERVAL_MS`). */
  treePeakMiB: number;
  /** The kernel's maximum RSS of the largest single process of the build, from `time -v`. */
  largestProcessMiB: number | undefined;
  /** Most processes seen in the build's tree at once, GNU time (when used) and the build included. */
  maxProcesses: number;
  /** HTML files in the output, 404.html included. */
  pages: number;
  /** Every file in the output (share-card images, sitemaps, scripts …), to see what else grows. */
  outputFiles: number;
  /** The built pictures (AVIF, WebP and copied originals in _astro/): how many, and their bytes. */
  pictures: { files: number; bytes: number };
  msPerPage: number;
  phases: BuildPhases;
}

/**
 * Where a build's time went, read from its log (ms). Route times are Astro's per-route figures,
 * summed; the first card also pays for loading the fonts.
 */
export interface BuildPhases {
  /** Astro's own total, from "N page(s) built in …": the wall time less Node and config start-up. */
  astroMs: number | undefined;
  /** Vite's bundling passes ("✓ built in …"), summed. */
  bundleMs: number;
  /** Astro's "generating static routes" stage as a whole. */
  routesMs: number | undefined;
  /** Share cards (`/og/*.png`), summed, and the slowest one. */
  cardsMs: number;
  slowestCardMs: number;
  /** HTML pages, summed. */
  pagesMs: number;
  /** Other routes (feed, robots, favicon). */
  otherRoutesMs: number;
  /** Each step of the post-build integration, by its log name. */
  postBuildMs: Record<string, number>;
  /** The search index, written after Astro has ended (src/build/search-index.ts). */
  searchIndexMs: number | undefined;
}

/** Astro's durations: `400ms`, `3.15s`, `1m 5s`, `2m`. */
const DURATION = String.raw`(?:[\d.]+m?s|\d+m(?: [\d.]+s)?)`;

function toMs(duration: string): number {
  const [, minutes = "0", seconds = "0", unit = "s"] =
    /^(?:(\d+)m)? ?(?:([\d.]+)(ms|s))?$/.exec(duration) ?? [];
  return Number(minutes) * 60_000 + Number(seconds) * (unit === "ms" ? 1 : 1000);
}

export function buildPhases(log: string): BuildPhases {
  const phases: BuildPhases = {
    astroMs: undefined,
    bundleMs: 0,
    routesMs: undefined,
    cardsMs: 0,
    slowestCardMs: 0,
    pagesMs: 0,
    otherRoutesMs: 0,
    postBuildMs: {},
    searchIndexMs: undefined,
  };
  for (const line of log.split("\n")) {
    const route = new RegExp(String.raw`[├└]─ (\S+) \(\+(${DURATION})\)`).exec(line);
    if (route?.[1] && route[2]) {
      const ms = toMs(route[2]);
      if (route[1].startsWith("/og/")) {
        phases.cardsMs += ms;
        phases.slowestCardMs = Math.max(phases.slowestCardMs, ms);
      } else if (route[1].endsWith(".html")) phases.pagesMs += ms;
      else phases.otherRoutesMs += ms;
      continue;
    }
    const bundle = new RegExp(String.raw`\[vite\] ✓ built in (${DURATION})`).exec(line);
    if (bundle?.[1]) phases.bundleMs += toMs(bundle[1]);
    // The static-routes stage closes with a bare "✓ Completed in …" (no [build] tag).
    const routes = new RegExp(String.raw`^\S+ ✓ Completed in (${DURATION})\.`).exec(line);
    if (routes?.[1]) phases.routesMs = toMs(routes[1]);
    const step = /\[post-build\] (.+) on \d+ pages \((\d+) ms\)/.exec(line);
    // The byte counts some steps add to their name ("…: 39720 → 25859") change with the site.
    if (step?.[1] && step[2]) phases.postBuildMs[step[1].replace(/: \d+ → \d+$/, "")] = Number(step[2]);
    const search = /\[search-index\] search index written, \d+ pages read \((\d+) ms\)/.exec(line);
    if (search?.[1]) phases.searchIndexMs = Number(search[1]);
    const total = new RegExp(String.raw`page\(s\) built in (${DURATION})`).exec(line);
    if (total?.[1]) phases.astroMs = toMs(total[1]);
  }
  return phases;
}

export interface BuildOptions {
  /** Where to write the build's whole output (its per-step timings), kept for reading later. */
  logFile?: string;
  /** Node options for the build process, such as `--cpu-prof`. */
  nodeArguments?: readonly string[];
}

const GNU_TIME = "/usr/bin/time";
/**
 * Each sample reads a status and a children file per thread of every process in the tree, CPU
 * taken from the build being measured on a 2-core machine. A build's memory climbs over seconds,
 * and GNU time still reports the largest process's true peak.
 */
const POLL_INTERVAL_MS = 250;
/** How much build output to keep for the error message when a build fails. */
const OUTPUT_TAIL_CHARS = 6000;

/** Resident and high-water memory of one process, in KiB, or undefined once it has exited. */
async function memoryOf(pid: number): Promise<{ rssKiB: number; children: number[] } | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const rss = /^VmRSS:\s+(\d+)/m.exec(status)?.[1];
    const tasks = await readdir(`/proc/${pid}/task`);
    const children: number[] = [];
    for (const task of tasks) {
      const list = await readFile(`/proc/${pid}/task/${task}/children`, "utf8").catch(() => "");
      children.push(...list.split(/\s+/).filter(Boolean).map(Number));
    }
    return { rssKiB: Number(rss ?? 0), children };
  } catch {
    return undefined;
  }
}

/**
 * Samples the summed RSS of the build's process tree (GNU time only reports its largest process).
 * Sampling can miss a short spike, so this may read a little low.
 */
function pollTreeMemory(rootPid: number): { stop: () => { peakKiB: number; maxProcesses: number } } {
  let peakKiB = 0;
  let maxProcesses = 0;
  let stopped = false;
  const sample = async (): Promise<void> => {
    let total = 0;
    let processes = 0;
    const queue = [rootPid];
    for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
      const memory = await memoryOf(pid);
      if (!memory) continue;
      total += memory.rssKiB;
      processes += 1;
      queue.push(...memory.children);
    }
    peakKiB = Math.max(peakKiB, total);
    maxProcesses = Math.max(maxProcesses, processes);
  };
  const loop = async (): Promise<void> => {
    while (!stopped) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  };
  void loop();
  return {
    stop: () => {
      stopped = true;
      return { peakKiB, maxProcesses };
    },
  };
}

function parseTimeReport(report: string): { maxRssKiB: number; cpuSeconds: number } | undefined {
  const maxRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(report)?.[1];
  const user = /User time \(seconds\): ([\d.]+)/.exec(report)?.[1];
  const system = /System time \(seconds\): ([\d.]+)/.exec(report)?.[1];
  if (maxRss === undefined) return undefined;
  return { maxRssKiB: Number(maxRss), cpuSeconds: Number(user ?? 0) + Number(system ?? 0) };
}

/** `npm run build`'s command (package.json), which the bench runs as it is, in a shell. */
export function buildScript(projectDir: string): string {
  const pkg = JSON.parse(readFileSync(join(projectDir, "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
  };
  const script = pkg.scripts?.["build"];
  if (!script) throw new Error(`${projectDir}/package.json has no build script`);
  return script;
}

/**
 * Runs `npm run build`'s command in `projectDir` (with `node` on PATH being the Node running this
 * script: the project's Node 24, not the system's), and measures wall time, CPU time and peak
 * memory of all its processes. Output is kept, not shown: it is written to `logFile` when given,
 * and the end of it is printed when the build fails. `nodeArguments` reach every Node process of
 * the build through NODE_OPTIONS.
 */
export async function timedBuild(projectDir: string, options: BuildOptions = {}): Promise<BuildMeasurement> {
  const shell = ["/bin/sh", "-c", buildScript(projectDir)];
  const useGnuTime = existsSync(GNU_TIME);
  const timeReport = join(tmpdir(), `bench-time-${process.pid}-${Date.now()}.txt`);
  const [command = "/bin/sh", ...args] = useGnuTime ? [GNU_TIME, "-v", "-o", timeReport, ...shell] : shell;

  const started = performance.now();
  const child = spawn(command, args, {
    cwd: projectDir,
    // Colour codes would only clutter the kept output; CI=1 keeps Astro from drawing spinners.
    env: {
      ...process.env,
      PATH: `${dirname(process.execPath)}:${process.env["PATH"] ?? ""}`,
      NODE_OPTIONS: [process.env["NODE_OPTIONS"], ...(options.nodeArguments ?? [])].filter(Boolean).join(" "),
      FORCE_COLOR: "0",
      NO_COLOR: "1",
      CI: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // With GNU time the tree's root is `time` itself: about 2 MiB counted along with the build.
  const poller = child.pid === undefined ? undefined : pollTreeMemory(child.pid);
  const chunks: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  const seconds = (performance.now() - started) / 1000;
  const tree = poller?.stop() ?? { peakKiB: 0, maxProcesses: 0 };
  const output = Buffer.concat(chunks).toString();
  if (options.logFile) await writeFile(options.logFile, output);
  if (exitCode !== 0) {
    throw new Error(
      `npm run build failed in ${projectDir} (exit ${exitCode}). Last output:\n${output.slice(-OUTPUT_TAIL_CHARS)}`,
    );
  }

  let largestProcessKiB: number | undefined;
  let cpuSeconds: number | undefined;
  if (useGnuTime) {
    const report = parseTimeReport(await readFile(timeReport, "utf8"));
    await rm(timeReport, { force: true });
    if (!report) throw new Error(`${GNU_TIME} -v wrote no "Maximum resident set size" line.`);
    largestProcessKiB = report.maxRssKiB;
    cpuSeconds = report.cpuSeconds;
  }
  const outDir = join(projectDir, "dist");
  const pages = builtPages(outDir).length;
  const files = (await readdir(outDir, { recursive: true, withFileTypes: true })).filter((entry) =>
    entry.isFile(),
  );
  const outputFiles = files.length;
  const pictureFiles = files.filter(
    (entry) => /[\\/]_astro$/.test(entry.parentPath) && /\.(avif|webp|png|jpe?g)$/.test(entry.name),
  );
  const pictureSizes = await Promise.all(
    pictureFiles.map(async (entry) => (await stat(join(entry.parentPath, entry.name))).size),
  );
  return {
    seconds,
    cpuSeconds,
    peakMemoryMiB: Math.max(tree.peakKiB, largestProcessKiB ?? 0) / 1024,
    treePeakMiB: tree.peakKiB / 1024,
    largestProcessMiB: largestProcessKiB === undefined ? undefined : largestProcessKiB / 1024,
    maxProcesses: tree.maxProcesses,
    pages,
    outputFiles,
    pictures: { files: pictureFiles.length, bytes: pictureSizes.reduce((sum, size) => sum + size, 0) },
    msPerPage: (seconds * 1000) / pages,
    phases: buildPhases(output),
  };
}
