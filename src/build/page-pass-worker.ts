/**
 * The worker thread post-build.ts starts for the page pass: plain Node, so it imports nothing that
 * needs Astro or Vite.
 */
import { parentPort, workerData } from "node:worker_threads";
import { passPages } from "./page-pass.ts";

const { root, cacheFile } = workerData as { root: string; cacheFile: string | undefined };
parentPort?.postMessage(await passPages(root, cacheFile));
