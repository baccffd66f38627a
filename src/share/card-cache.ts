import { srcDir } from "astro:config/server";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { availableParallelism } from "node:os";
import { BRAND_COLORS } from "../site/brand.ts";
import { CardDrawers } from "./card-drawers.ts";
import { packageManifestPath, SHARE_CARD_PACKAGES, type ShareCardInput } from "./card-layout.ts";

/**
 * Drawn cards, kept by a hash of what decides their pixels, so that a rebuild draws only the cards
 * whose text or look changed. Missing cards are drawn in worker threads (card-drawers.ts), started
 * ahead of their pages (`drawMissingCards`), so a cold build draws on every core.
 */

/** Every core, but no more than four: each worker holds its own fonts and renderer in memory. */
const drawers = new CardDrawers(new URL("share/card-worker.ts", srcDir), {
  size: Math.min(availableParallelism(), 4),
});
// The dev server runs this module again after an edit: the old module's workers end with it.
import.meta.hot?.dispose(() => drawers.close());

let drawnBy: { packages: Record<string, string>; code: string } | undefined;

/**
 * The source of card-layout.ts and of every project module it imports, by path from src/: a
 * change to how cards are drawn (a colour rule, a phrase-break fix) draws every card again.
 */
export function drawingCode(): Map<string, string> {
  const sources = new Map<string, string>();
  const visit = (url: URL) => {
    const path = url.href.slice(srcDir.href.length);
    if (sources.has(path)) return;
    const source = readFileSync(url, "utf8");
    sources.set(path, source);
    for (const [, specifier = ""] of source.matchAll(/from\s+"(\.{1,2}\/[^"]+)"/g))
      visit(new URL(specifier, url));
  };
  visit(new URL("share/card-layout.ts", srcDir));
  return sources;
}

/** What draws a card: its code, and the versions of its packages (a bump of any other keeps every card). */
function drawnWith(): { packages: Record<string, string>; code: string } {
  drawnBy ??= {
    packages: Object.fromEntries(
      SHARE_CARD_PACKAGES.map((name) => {
        const { version } = JSON.parse(readFileSync(packageManifestPath(name), "utf8")) as {
          version: string;
        };
        return [name, version];
      }),
    ),
    code: createHash("sha256")
      .update(JSON.stringify([...drawingCode()].sort(([a], [b]) => a.localeCompare(b))))
      .digest("base64url"),
  };
  return drawnBy;
}

/** A content hash of everything that decides a card's pixels; it names the card's cache file. */
export function shareCardHash(input: ShareCardInput): string {
  const { title, articleTitle, siteName, kind, subtitle } = input;
  return createHash("sha256")
    .update(
      JSON.stringify({
        // The colours come from global.css: a new brand colour must render new cards.
        colors: BRAND_COLORS,
        drawnWith: drawnWith(),
        input: { title, articleTitle, siteName, kind, subtitle },
      }),
    )
    .digest("hex")
    .slice(0, 16);
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}

/** Draws `input` in a worker and writes it to `cachePath`, whole or not at all. */
async function drawAndStore(input: ShareCardInput, cachePath: string): Promise<Uint8Array> {
  const png = await drawers.draw(input, BRAND_COLORS);
  await mkdir(dirname(cachePath), { recursive: true });
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
  return png;
}

/** Cards being drawn ahead of their pages (`drawMissingCards`), by cache file. */
const drawing = new Map<string, Promise<unknown>>();

const cacheFile = (input: ShareCardInput, cacheDir: string) => join(cacheDir, `${shareCardHash(input)}.png`);

/**
 * Starts drawing every card of `inputs` that `cacheDir` lacks, in the workers, while Astro goes on
 * rendering other pages one at a time: a cold build draws on every core. Each card's page then
 * waits for its own (`renderShareCardCached`), and reports its failure.
 */
export function drawMissingCards(inputs: readonly ShareCardInput[], cacheDir: string): void {
  for (const input of inputs) {
    const cachePath = cacheFile(input, cacheDir);
    if (drawing.has(cachePath) || existsSync(cachePath)) continue;
    const drawn = drawAndStore(input, cachePath);
    drawn.catch(() => undefined);
    drawing.set(cachePath, drawn);
  }
}

/** The card of `input`: read from `cacheDir`, or drawn (once) when missing there. */
export async function renderShareCardCached(
  input: ShareCardInput,
  cacheDir: string,
): Promise<{ png: Uint8Array; cached: boolean }> {
  const cachePath = cacheFile(input, cacheDir);
  const ahead = drawing.get(cachePath);
  if (ahead) {
    drawing.delete(cachePath);
    await ahead;
  }
  try {
    const png = await readFile(cachePath);
    return { png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), cached: !ahead };
  } catch (error) {
    if (!isMissingFile(error)) throw error;
  }
  return { png: await drawAndStore(input, cachePath), cached: false };
}
