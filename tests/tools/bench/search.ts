import { chromium } from "playwright-core";
import { SEARCH_PATH } from "../../../src/article/urls.ts";
import { serveStatic, snapshotSite } from "../../support/static-server.ts";
import { CHROMIUM_ARGS, ensureChromium } from "../../support/system-programs.ts";

/** The query the issue measures search with, and how much slower than this machine a phone is. */
export const SEARCH_QUERY = "冷却期間";
export const CPU_SLOWDOWN = 4;

export interface SearchMeasurement {
  query: string;
  /** Bytes on the wire (gzip where served so) from the search starting to its results shown. */
  bytes: number;
  /** Of which Pagefind's WebAssembly. */
  wasmBytes: number;
  requests: number;
  /** From the search starting (no typing pause) to the results and their count shown. */
  ms: number;
  results: number;
}

/** The pause after the last key before the page searches (site-search.ts). */
const TYPING_PAUSE_MS = 250;
/** How long a reader takes to type the query with the phone's keyboard, at the least. */
const TYPING_MS = 1000;

/**
 * One first search on the built site, as a reader on a slow phone makes it: the search page is
 * open (its own files loaded), the CPU is slowed CPU_SLOWDOWN times, the reader taps the field,
 * types for TYPING_MS, and the search starts once the typing pause is over. Counts every byte fetched
 * from the tap until the results are on the page — Pagefind's code and WebAssembly, its index and
 * the fragments of the results shown — and times the search from its start to its results.
 */
export async function measureSearch(distDir: string, query = SEARCH_QUERY): Promise<SearchMeasurement> {
  // Served as a host serves it: JavaScript and JSON compressed, Pagefind's own files as they are.
  const snapshot = await snapshotSite(distDir);
  const server = await serveStatic(snapshot.dir);
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ locale: "ja-JP" });
    // Everything the page itself loads (its script, the favicon) is in before the reader taps.
    await page.goto(`${server.url}${SEARCH_PATH}`, { waitUntil: "networkidle" });
    await page.evaluate(() => customElements.whenDefined("site-search"));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const urls = new Map<string, string>();
    const sizes: { url: string; bytes: number }[] = [];
    cdp.on("Network.responseReceived", (event) => urls.set(event.requestId, event.response.url));
    cdp.on("Network.loadingFinished", (event) =>
      sizes.push({ url: urls.get(event.requestId) ?? "", bytes: event.encodedDataLength }),
    );
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    const { ms, results } = await page.evaluate(
      async ({ text, typingMs, typingPauseMs }) => {
        const field = document.querySelector<HTMLInputElement>("site-search input[type=search]");
        const status = document.querySelector("[data-search-status]");
        if (!field || !status) throw new Error("no search field");
        field.focus();
        await new Promise((resolve) => setTimeout(resolve, typingMs));
        const shown = new Promise<void>((resolve) =>
          new MutationObserver((_, observer) => {
            if (status.textContent?.trim()) {
              observer.disconnect();
              resolve();
            }
          }).observe(status, { childList: true, characterData: true, subtree: true }),
        );
        // The text arrives as a phone's keyboard commits it; the search starts once the typing
        // pause is over.
        field.value = text;
        field.dispatchEvent(new Event("input", { bubbles: true }));
        const started = performance.now() + typingPauseMs;
        await shown;
        return {
          ms: performance.now() - started,
          results: document.querySelectorAll("[data-search-results] > li").length,
        };
      },
      { text: query, typingMs: TYPING_MS, typingPauseMs: TYPING_PAUSE_MS },
    );
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    return {
      query,
      bytes: sizes.reduce((sum, size) => sum + size.bytes, 0),
      wasmBytes: sizes.filter((size) => size.url.includes("wasm")).reduce((sum, size) => sum + size.bytes, 0),
      requests: sizes.length,
      ms,
      results,
    };
  } finally {
    await browser.close();
    await server.close();
    await snapshot.remove();
  }
}
