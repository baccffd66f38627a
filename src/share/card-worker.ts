/**
 * A worker thread that draws share cards (card-cache.ts starts them): plain Node, so it imports
 * nothing that needs Astro or Vite.
 */
import { parentPort } from "node:worker_threads";
import { renderShareCard, type CardColors, type ShareCardInput } from "./card-layout.ts";

export interface CardTask {
  id: number;
  input: ShareCardInput;
  colors: CardColors;
}

export type CardResult = { id: number; png: Uint8Array } | { id: number; error: string };

parentPort?.on("message", async ({ id, input, colors }: CardTask) => {
  try {
    const png = await renderShareCard(input, colors);
    parentPort?.postMessage({ id, png } satisfies CardResult);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    parentPort?.postMessage({ id, error: message } satisfies CardResult);
  }
});
