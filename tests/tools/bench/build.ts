import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtPages } from "../../support/built-site.ts";

export interface BuildMeasurement {
  seconds: number;
  /** User + system CPU seconds, when `/usr/bin/time` reported them. */
  cpuSeconds: number | undefined;
  /** Peak resident memory in MiB (see `peakMemorySource`). */
  peakMemoryMiB: number;
  peakMemorySource: "time -v (largest process)" | "/proc polling (process tree)";
  /** HTML files in the output, 404.html included. */
  pages: number;
  /** Every file in the output (share-card images, sitemaps, scripts …), to see what else grows. */
  outputFiles: number;
  msPerPage: number;
}

const GNU_TIME = "/usr/bin/time";
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
 * Fallback where GNU time is missing: samples the summed RSS of the build's process tree. Sampling
 * can miss a short spike, so this reads a little low; GNU time reads the kernel's own maximum.
 */
function pollTreeMemory(rootPid: number): { stop: () => number } {
  let peakKiB = 0;
  let stopped = false;
  const sample = async (): Promise<void> => {
    let total = 0;
    const queue = [rootPid];
    for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
      const memory = await memoryOf(pid);
      if (!memory) continue;
      total += memory.rssKiB;
      queue.push(...memory.children);
    }
    peakKiB = Math.max(peakKiB, total);
  };
  const loop = async (): Promise<void> => {
    while (!stopped) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  void loop();
  return {
    stop: () => {
      stopped = true;
      return peakKiB;
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

/**
 * Runs `astro build` in `projectDir` with the Node running this script (the project's Node 24, not
 * the system's), and measures wall time, CPU time and peak memory. Output is kept, not shown:
 * it is only printed when the build fails.
 */
export async function timedBuild(projectDir: string): Promise<BuildMeasurement> {
  const astro = join(projectDir, "node_modules/astro/bin/astro.mjs");
  const useGnuTime = existsSync(GNU_TIME);
  const timeReport = join(tmpdir(), `bench-time-${process.pid}-${Date.now()}.txt`);
  const [command, args] = useGnuTime
    ? [GNU_TIME, ["-v", "-o", timeReport, process.execPath, astro, "build"]]
    : [process.execPath, [astro, "build"]];

  const started = performance.now();
  const child = spawn(command, args, {
    cwd: projectDir,
    // Colour codes would only clutter the kept output; CI=1 keeps Astro from drawing spinners.
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", CI: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const poller = useGnuTime || child.pid === undefined ? undefined : pollTreeMemory(child.pid);
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  const seconds = (performance.now() - started) / 1000;
  const polledPeakKiB = poller?.stop();
  if (exitCode !== 0) {
    throw new Error(`astro build failed in ${projectDir} (exit ${exitCode}). Last output:\n${output}`);
  }

  let peakKiB = polledPeakKiB ?? 0;
  let cpuSeconds: number | undefined;
  if (useGnuTime) {
    const report = parseTimeReport(await readFile(timeReport, "utf8"));
    await rm(timeReport, { force: true });
    if (!report) throw new Error(`${GNU_TIME} -v wrote no "Maximum resident set size" line.`);
    peakKiB = report.maxRssKiB;
    cpuSeconds = report.cpuSeconds;
  }
  const outDir = join(projectDir, "dist");
  const pages = builtPages(outDir).length;
  const outputFiles = (await readdir(outDir, { recursive: true, withFileTypes: true })).filter((entry) =>
    entry.isFile(),
  ).length;
  return {
    seconds,
    cpuSeconds,
    peakMemoryMiB: peakKiB / 1024,
    peakMemorySource: useGnuTime ? "time -v (largest process)" : "/proc polling (process tree)",
    pages,
    outputFiles,
    msPerPage: (seconds * 1000) / pages,
  };
}
