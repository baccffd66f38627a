import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { BRAND_COLORS } from "../site/brand.ts";
import {
  packageManifestPath,
  renderShareCard,
  SHARE_CARD_DESIGN_VERSION,
  SHARE_CARD_PACKAGES,
  type ShareCardInput,
} from "./card-layout.ts";

/**
 * Drawn cards, kept by a hash of what decides their pixels, so that a rebuild draws only the cards
 * whose text or look changed.
 */

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

  const png = await renderShareCard(input);
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
