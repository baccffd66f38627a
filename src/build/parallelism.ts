import { availableParallelism } from "node:os";

/**
 * How many pages Astro renders at once (`build.concurrency`) and how many share cards are drawn at
 * once (one worker thread each): every core, but no more than four, since each card worker holds
 * its own fonts and renderer in memory.
 */
export const BUILD_PARALLELISM = Math.min(availableParallelism(), 4);
