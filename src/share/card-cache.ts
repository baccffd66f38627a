import { srcDir } from "astro:config/server";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { BRAND_COLORS } from "../site/brand.ts";
import {
  packageManifestPath,
  SHARE_CARD_DESIGN_VERSION,
  SHARE_CARD_PACKAGES,
  type ShareCardInput,
} from "./card-layout.ts";
import type { CardResult, CardTask } from "./card-worker.ts";

/**
 * Drawn cards, kept by a hash of what decides their pixels, so that a rebuild draws only the cards
 * whose text or look changed. Cards are drawn in worker threads, one per core, so that a cold
 * build draws as many at once as Astro asks for (`build.concurrency` in astro.config.mjs).
 */

type Job = { task: CardTask; done: (result: CardResult) => void };

interface Drawer {
  worker: Worker;
  /** The card it is drawing, if any. */
  job: Job | undefined;
  /** Ends an idle worker, whose fonts and renderer would otherwise stay in memory for the rest of the build. */
  idle: NodeJS.Timeout | undefined;
}

/** How long a worker waits for another card before it ends. */
const IDLE_MS = 1000;

/** Workers are started when the first card is missing, and never hold the process open when idle. */
const drawers: Drawer[] = [];
const waiting: Job[] = [];
let nextTask = 0;

function startDrawer(): Drawer {
  const worker = new Worker(new URL("share/card-worker.ts", srcDir));
  const drawer: Drawer = { worker, job: undefined, idle: undefined };
  worker.unref();
  worker.on("message", (result: CardResult) => {
    drawer.job?.done(result);
    drawer.job = undefined;
    worker.unref();
    dispatch();
    if (drawer.job === undefined) drawer.idle = setTimeout(() => void worker.terminate(), IDLE_MS).unref();
  });
  // A worker that fails or stops fails only the card it held; the next cards go to a new one.
  const retire = (reason: string) => {
    clearTimeout(drawer.idle);
    const index = drawers.indexOf(drawer);
    if (index === -1) return;
    drawers.splice(index, 1);
    const { job } = drawer;
    drawer.job = undefined;
    job?.done({ id: job.task.id, error: reason });
    dispatch();
  };
  worker.on("error", (error) => retire(error.stack ?? String(error)));
  worker.on("exit", (code) => retire(`the worker stopped (exit code ${code})`));
  drawers.push(drawer);
  return drawer;
}

function dispatch(): void {
  while (waiting.length > 0) {
    const drawer =
      drawers.find((candidate) => candidate.job === undefined) ??
      (drawers.length < availableParallelism() ? startDrawer() : undefined);
    const job = drawer && waiting.shift();
    if (!drawer || !job) return;
    clearTimeout(drawer.idle);
    drawer.job = job;
    drawer.worker.ref();
    drawer.worker.postMessage(job.task);
  }
}

/** Draws a card in a worker thread. */
function drawInWorker(input: ShareCardInput): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const task: CardTask = { id: (nextTask += 1), input, colors: BRAND_COLORS };
    waiting.push({
      task,
      done: (result) =>
        "png" in result ? resolve(result.png) : reject(new Error(`Share card not drawn: ${result.error}`)),
    });
    dispatch();
  });
}

let drawnBy: Record<string, string> | undefined;

/** The versions of the packages that draw a card: a bump of any other package keeps every card. */
function drawingPackages(): Record<string, string> {
  drawnBy ??= Object.fromEntries(
    SHARE_CARD_PACKAGES.map((name) => {
      const { version } = JSON.parse(readFileSync(packageManifestPath(name), "utf8")) as { version: string };
      return [name, version];
    }),
  );
  return drawnBy;
}

/** A content hash of everything that decides a card's pixels; it names the card's cache file. */
export function shareCardHash(input: ShareCardInput): string {
  const { title, articleTitle, siteName, kind, subtitle } = input;
  return createHash("sha256")
    .update(
      JSON.stringify({
        design: SHARE_CARD_DESIGN_VERSION,
        // The colours come from global.css: a new brand colour must render new cards.
        colors: BRAND_COLORS,
        packages: drawingPackages(),
        input: { title, articleTitle, siteName, kind, subtitle },
      }),
    )
    .digest("hex")
    .slice(0, 16);
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}

/** Draws a card only when no card with the same hash is in `cacheDir`: an unchanged one costs a file read. */
export async function renderShareCardCached(
  input: ShareCardInput,
  cacheDir: string,
): Promise<{ png: Uint8Array; cached: boolean }> {
  const cachePath = join(cacheDir, `${shareCardHash(input)}.png`);
  try {
    const png = await readFile(cachePath);
    return { png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), cached: true };
  } catch (error) {
    if (!isMissingFile(error)) throw error;
  }

  const png = await drawInWorker(input);
  await mkdir(cacheDir, { recursive: true });
  // Builds may render in parallel: a reader must never see a half-written file, and two writers of
  // the same card must not write into one temporary file.
  const temporaryPath = `${cachePath}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(temporaryPath, png);
    await rename(temporaryPath, cachePath);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
  return { png, cached: false };
}
