import { Worker } from "node:worker_threads";
import type { CardColors, ShareCardInput } from "./card-layout.ts";
import type { CardResult, CardTask } from "./card-worker.ts";

type Job = { task: CardTask; done: (result: CardResult) => void };

interface Drawer {
  worker: Worker;
  /** The card it is drawing, if any. */
  job: Job | undefined;
  /** Ends the worker when idle, or stops it when a card takes too long. */
  timer: NodeJS.Timeout | undefined;
}

/**
 * A drawer's heap, in MiB: a small young generation, collected often, and room for several times
 * what a drawer keeps live (the parsed fonts and satori's glyphs) so a site with many different
 * characters still fits.
 */
const DRAWER_HEAP_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 12 };

export interface CardDrawersOptions {
  /** The most workers at once. */
  size: number;
  /** How long an idle worker waits for another card before it ends, freeing its memory. */
  idleMs?: number;
  /** How long one card may take before its worker is stopped and the card fails. */
  jobMs?: number;
}

/**
 * Worker threads that draw share cards (`workerUrl`: card-worker.ts), started as cards are asked
 * for, up to `size` at once. A worker holds the process open only while it draws; one that fails,
 * stops or hangs fails only the card it held, and the next cards go to a new one.
 */
export class CardDrawers {
  readonly #drawers: Drawer[] = [];
  readonly #waiting: Job[] = [];
  #nextId = 0;
  /** Workers started, and the most cards drawn at once: what the tests check. */
  readonly stats = { started: 0, mostAtOnce: 0 };

  readonly workerUrl: URL;
  readonly options: CardDrawersOptions;

  constructor(workerUrl: URL, options: CardDrawersOptions) {
    this.workerUrl = workerUrl;
    this.options = options;
  }

  draw(input: ShareCardInput, colors: CardColors): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      const task: CardTask = { id: (this.#nextId += 1), input, colors };
      this.#waiting.push({
        task,
        done: (result) =>
          "png" in result ? resolve(result.png) : reject(new Error(`Share card not drawn: ${result.error}`)),
      });
      this.#dispatch();
    });
  }

  /** Ends every worker (the dev server's module reload). */
  async close(): Promise<void> {
    await Promise.all(this.#drawers.map(({ worker }) => worker.terminate()));
  }

  #dispatch(): void {
    while (this.#waiting.length > 0) {
      let drawer = this.#drawers.find((candidate) => candidate.job === undefined);
      if (!drawer && this.#drawers.length < this.options.size) {
        try {
          drawer = this.#start();
        } catch (error) {
          // No worker can start: every waiting card fails, rather than waiting for ever.
          for (const job of this.#waiting.splice(0)) job.done({ id: job.task.id, error: String(error) });
          return;
        }
      }
      const job = drawer && this.#waiting.shift();
      if (!drawer || !job) return;
      clearTimeout(drawer.timer);
      drawer.job = job;
      const stop = drawer.worker;
      drawer.timer = setTimeout(() => void stop.terminate(), this.options.jobMs ?? 60_000);
      drawer.worker.ref();
      drawer.worker.postMessage(job.task);
      const drawing = this.#drawers.filter((candidate) => candidate.job !== undefined).length;
      this.stats.mostAtOnce = Math.max(this.stats.mostAtOnce, drawing);
    }
  }

  #start(): Drawer {
    // A small heap makes V8 collect often: each drawing's native memory is freed only when its
    // wrapper is collected, and V8 cannot see that memory to count it as pressure.
    const worker = new Worker(this.workerUrl, { resourceLimits: DRAWER_HEAP_LIMITS });
    const drawer: Drawer = { worker, job: undefined, timer: undefined };
    worker.unref();
    worker.on("message", (result: CardResult) => {
      clearTimeout(drawer.timer);
      drawer.job?.done(result);
      drawer.job = undefined;
      worker.unref();
      this.#dispatch();
      if (drawer.job === undefined)
        drawer.timer = setTimeout(() => void worker.terminate(), this.options.idleMs ?? 1000).unref();
    });
    const retire = (reason: string) => {
      clearTimeout(drawer.timer);
      const index = this.#drawers.indexOf(drawer);
      if (index === -1) return;
      this.#drawers.splice(index, 1);
      const { job } = drawer;
      drawer.job = undefined;
      job?.done({ id: job.task.id, error: reason });
      this.#dispatch();
    };
    worker.on("error", (error) => retire(error.stack ?? String(error)));
    worker.on("messageerror", (error) => retire(String(error)));
    worker.on("exit", (code) => retire(`the worker stopped (exit code ${code})`));
    this.#drawers.push(drawer);
    this.stats.started += 1;
    return drawer;
  }
}
