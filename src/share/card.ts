import { createHash } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import satori, { type Font as SatoriFont, type SatoriNode } from "satori";
import { splitPhrases } from "../lib/phrase-breaks.ts";

/**
 * Share cards (Open Graph / X images): 1200×630 PNGs rendered at build time with satori (layout →
 * SVG with the text as outlines) and resvg (SVG → PNG), so no browser and no network are needed.
 */

export interface ShareCardInput {
  /** The large text: the article title on the article's card, the section title on a section card. */
  title: string;
  articleTitle: string;
  siteName: string;
  kind: "article" | "section";
}

/** Part of every cache key: bump it whenever the look of the cards changes. */
export const SHARE_CARD_DESIGN_VERSION = 1;

export const SHARE_CARD_WIDTH = 1200;
export const SHARE_CARD_HEIGHT = 630;

const COLORS = {
  paper: "#fbfaf7",
  ink: "#1f2328",
  muted: "#4d545c",
  accent: "#0b6b5c",
  softAccent: "#e3f1ed",
} as const;

const FONT_FAMILY = "Noto Sans JP";

// Every size below is fixed in pixels so that the title box is known before rendering and
// `layoutTitle` can prove the title fits without asking the renderer.
const BAND_HEIGHT = 12;
const PADDING_X = 80;
const PADDING_TOP = 60;
const PADDING_BOTTOM = 60;
const CONTENT_WIDTH = SHARE_CARD_WIDTH - 2 * PADDING_X;
const CONTENT_HEIGHT = SHARE_CARD_HEIGHT - BAND_HEIGHT - PADDING_TOP - PADDING_BOTTOM;

const FOOTER_FONT_SIZE = 28;
const FOOTER_RULE_HEIGHT = 2;
const FOOTER_RULE_GAP = 26;
const FOOTER_TEXT_HEIGHT = 40;
const FOOTER_HEIGHT = FOOTER_RULE_HEIGHT + FOOTER_RULE_GAP + FOOTER_TEXT_HEIGHT;
const FOOTER_GAP = 32;

const KICKER_FONT_SIZE = 30;
const KICKER_LINE_HEIGHT = 44;
const KICKER_RULE_GAP = 22;
const MAX_KICKER_LINES = 2;
const ACCENT_RULE_HEIGHT = 5;
const ACCENT_RULE_GAP = 36;

const TITLE_LINE_HEIGHT_RATIO = 1.32;
const SMALLEST_TITLE_FONT_SIZE = 40;
/** Largest first: short titles get the largest size at which they fit. */
const TITLE_FONT_SIZES = [76, 72, 68, 64, 60, 56, 52, 48, 44, SMALLEST_TITLE_FONT_SIZE] as const;
/** A long title set large fills the card like a wall of text, so only smaller sizes may take four lines. */
function maxTitleLines(fontSize: number): number {
  return fontSize >= 64 ? 3 : 4;
}

/**
 * Widths are estimated rather than measured so that layout stays a pure function. Noto Sans JP
 * sets every Japanese character on a full em; only ASCII varies, and each class below rounds up
 * the widest bold glyph it holds, so an estimate is never narrower than the rendered text.
 */
function estimateCharWidthEm(char: string): number {
  if (char.length > 1 || char > "~") return 1;
  if (char === " ") return 0.26;
  if (/[Iijl.,:;'!|`]/.test(char)) return 0.38;
  if (/[frt()[\]{}/\\-]/.test(char)) return 0.46;
  if (/[?scz]/.test(char)) return 0.56;
  if (/[MWmw]/.test(char)) return 0.98;
  if (/[BCDGHKNOQRU&]/.test(char)) return 0.78;
  return 0.7;
}

function estimateWidthEm(text: string): number {
  let width = 0;
  for (const char of text) width += estimateCharWidthEm(char);
  return width;
}

export interface TextBox {
  width: number;
  height: number;
}

export interface TextLayout {
  fontSize: number;
  lineHeight: number;
  /** Phrases per line; a phrase never breaks across lines. */
  lines: string[][];
  /** Estimated width of each line in px, never below the rendered width. */
  lineWidths: number[];
}

export interface TitleLayout extends TextLayout {
  /** The space the title must fit in. */
  box: TextBox;
  kicker: TextLayout | undefined;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Greedy lines no wider than `maxWidth` (an over-wide phrase gets a line of its own). */
function greedyLines(widths: readonly number[], maxWidth: number): number[][] {
  const lines: number[][] = [];
  let current: number[] = [];
  let currentWidth = 0;
  widths.forEach((width, index) => {
    if (current.length > 0 && currentWidth + width > maxWidth) {
      lines.push(current);
      current = [];
      currentWidth = 0;
    }
    current.push(index);
    currentWidth += width;
  });
  if (current.length > 0) lines.push(current);
  return lines;
}

/**
 * Like CSS `text-wrap: balance`: the fewest lines greedy breaking needs, then the narrowest width
 * that still gives that many, so a title does not end in a lonely short phrase.
 */
function balancedLines(widths: readonly number[], maxWidth: number): number[][] {
  const lineCount = greedyLines(widths, maxWidth).length;
  let low = Math.max(0, ...widths);
  let high = maxWidth;
  if (low >= high) return greedyLines(widths, maxWidth);
  while (high - low > 0.5) {
    const middle = (low + high) / 2;
    if (greedyLines(widths, middle).length <= lineCount) high = middle;
    else low = middle;
  }
  return greedyLines(widths, high);
}

function layoutPhrases(
  phrases: readonly string[],
  fontSize: number,
  lineHeight: number,
  maxWidth: number,
  balance: boolean,
): TextLayout {
  const widths = phrases.map((phrase) => estimateWidthEm(phrase) * fontSize);
  const indexLines = balance ? balancedLines(widths, maxWidth) : greedyLines(widths, maxWidth);
  return {
    fontSize,
    lineHeight,
    lines: indexLines.map((line) => line.map((index) => phrases[index] ?? "")),
    lineWidths: indexLines.map((line) => sum(line.map((index) => widths[index] ?? 0))),
  };
}

/**
 * For text far longer than any real title: breaks between characters and, past `maxLines`, cuts
 * the text with an ellipsis, since overflowing the card or shrinking the text to illegibility
 * would both be worse.
 */
function layoutCharactersClamped(
  phrases: readonly string[],
  fontSize: number,
  lineHeight: number,
  maxWidth: number,
  maxLines: number,
): TextLayout {
  const layout = layoutPhrases(
    // A space stays with the character before it: on its own it would be an item that satori
    // renders with no width, and at a line start it would indent the line.
    phrases.join("").match(/\S\s*/gu) ?? [],
    fontSize,
    lineHeight,
    maxWidth,
    false,
  );
  if (layout.lines.length <= maxLines) return layout;
  const lines = layout.lines.slice(0, maxLines).map((line) => [...line]);
  const lastLine = lines[lines.length - 1] ?? [];
  const ellipsisWidth = estimateWidthEm("…") * fontSize;
  let lastLineWidth = layout.lineWidths[lines.length - 1] ?? 0;
  while (lastLine.length > 0 && lastLineWidth + ellipsisWidth > maxWidth) {
    lastLineWidth -= estimateWidthEm(lastLine.pop() ?? "") * fontSize;
  }
  lastLine.push("…");
  const lineWidths = layout.lineWidths.slice(0, maxLines);
  lineWidths[lineWidths.length - 1] = lastLineWidth + ellipsisWidth;
  return { ...layout, lines, lineWidths };
}

// Japanese line-breaking rules (kinsoku): BudouX starts a phrase with a separator such as 「｜」
// in 「断られたら｜理由と心理」, but a line must not start with one, nor end with an opening bracket.
// Such characters (and spaces, which would indent a line) move to the neighbouring phrase rather
// than merging the phrases, which keeps the break and so keeps short lines possible.
const NO_LINE_START = /^[\s、。，．,.:;!?！？：；・ー）」』】〕｝〉》)\]}｜|…‥]+/u;
const NO_LINE_END = /[（「『【〔｛〈《([{]+$/u;

/** BudouX phrases, adjusted so that breaking between any two of them follows the kinsoku rules. */
function titlePhrases(text: string): string[] {
  const phrases: string[] = [];
  let carried = "";
  for (const phrase of splitPhrases(text.trim().replace(/\s+/g, " "))) {
    let current = carried + phrase;
    carried = "";
    const leading = NO_LINE_START.exec(current)?.[0] ?? "";
    const previous = phrases[phrases.length - 1];
    if (leading !== "" && previous !== undefined) {
      phrases[phrases.length - 1] = previous + leading;
      current = current.slice(leading.length);
    }
    const trailing = NO_LINE_END.exec(current)?.[0] ?? "";
    if (trailing !== "" && trailing !== current) {
      carried = trailing;
      current = current.slice(0, -trailing.length);
    }
    if (current !== "") phrases.push(current);
  }
  if (carried !== "") phrases.push(carried);
  return phrases;
}

function fits(layout: TextLayout, box: TextBox, maxLines: number): boolean {
  return (
    layout.lines.length <= maxLines &&
    layout.lines.length * layout.lineHeight <= box.height &&
    layout.lineWidths.every((width) => width <= box.width)
  );
}

/**
 * Chooses the title's font size and line breaks for a card: the largest size at which the title,
 * broken only between BudouX phrases, fits the box left over by the other parts of the card.
 */
export function layoutTitle(input: ShareCardInput): TitleLayout {
  const kicker = input.kind === "section" ? layoutKicker(titlePhrases(input.articleTitle)) : undefined;
  const kickerHeight = kicker ? kicker.lines.length * kicker.lineHeight + KICKER_RULE_GAP : 0;
  const box: TextBox = {
    width: CONTENT_WIDTH,
    height: CONTENT_HEIGHT - FOOTER_HEIGHT - FOOTER_GAP - kickerHeight - ACCENT_RULE_HEIGHT - ACCENT_RULE_GAP,
  };

  const phrases = titlePhrases(input.title);
  for (const fontSize of TITLE_FONT_SIZES) {
    const lineHeight = Math.round(fontSize * TITLE_LINE_HEIGHT_RATIO);
    const layout = layoutPhrases(phrases, fontSize, lineHeight, box.width, true);
    if (fits(layout, box, maxTitleLines(fontSize))) return { ...layout, box, kicker };
  }
  const lineHeight = Math.round(SMALLEST_TITLE_FONT_SIZE * TITLE_LINE_HEIGHT_RATIO);
  const maxLines = Math.floor(box.height / lineHeight);
  const layout = layoutCharactersClamped(phrases, SMALLEST_TITLE_FONT_SIZE, lineHeight, box.width, maxLines);
  return { ...layout, box, kicker };
}

function layoutKicker(phrases: readonly string[]): TextLayout {
  const layout = layoutPhrases(phrases, KICKER_FONT_SIZE, KICKER_LINE_HEIGHT, CONTENT_WIDTH, false);
  return fits(layout, { width: CONTENT_WIDTH, height: Infinity }, MAX_KICKER_LINES)
    ? layout
    : layoutCharactersClamped(phrases, KICKER_FONT_SIZE, KICKER_LINE_HEIGHT, CONTENT_WIDTH, MAX_KICKER_LINES);
}

interface CardElement {
  type: "div";
  key?: string;
  props: {
    style: Record<string, string | number>;
    children?: string | CardElement | CardElement[];
  };
}

function div(style: CardElement["props"]["style"], children?: CardElement["props"]["children"]): CardElement {
  return children === undefined
    ? { type: "div", props: { style } }
    : { type: "div", props: { style, children } };
}

/** Keys name the parts of the card in satori's layout report, which tests read. */
function keyed(key: string, element: CardElement): CardElement {
  return { ...element, key };
}

function phraseLines(
  layout: TextLayout,
  keyPrefix: string,
  style: CardElement["props"]["style"],
): CardElement[] {
  return layout.lines.map((line, lineIndex) =>
    keyed(
      `${keyPrefix}-line-${lineIndex}`,
      div(
        // Wrapping is only a safety net should an estimate ever be too narrow.
        { display: "flex", flexWrap: "wrap", height: layout.lineHeight, ...style },
        line.map((phrase, phraseIndex) =>
          keyed(
            `${keyPrefix}-phrase-${lineIndex}-${phraseIndex}`,
            div({ display: "flex", whiteSpace: "pre" }, phrase),
          ),
        ),
      ),
    ),
  );
}

function cardElement(input: ShareCardInput): CardElement {
  const layout = layoutTitle(input);
  const kicker = layout.kicker
    ? [
        keyed(
          "kicker",
          div(
            { display: "flex", flexDirection: "column", marginBottom: KICKER_RULE_GAP, flexShrink: 0 },
            phraseLines(layout.kicker, "kicker", {
              fontSize: layout.kicker.fontSize,
              lineHeight: `${layout.kicker.lineHeight}px`,
              fontWeight: 400,
              color: COLORS.muted,
            }),
          ),
        ),
      ]
    : [];
  const rule = div({
    width: 72,
    height: ACCENT_RULE_HEIGHT,
    marginBottom: ACCENT_RULE_GAP,
    borderRadius: ACCENT_RULE_HEIGHT,
    backgroundColor: COLORS.accent,
    flexShrink: 0,
  });

  const title = keyed(
    "title",
    div(
      { display: "flex", flexDirection: "column", flexShrink: 0 },
      phraseLines(layout, "title", {
        fontSize: layout.fontSize,
        lineHeight: `${layout.lineHeight}px`,
        fontWeight: 700,
        color: COLORS.ink,
      }),
    ),
  );

  // The title box is only the space the title may use; the text block itself is centred in the
  // space above the footer so that short and long titles alike sit in the optical middle.
  const main = keyed(
    "main",
    div(
      {
        display: "flex",
        flexDirection: "column",
        justifyContent: "center",
        width: CONTENT_WIDTH,
        height: CONTENT_HEIGHT - FOOTER_HEIGHT - FOOTER_GAP,
        flexShrink: 0,
      },
      [...kicker, rule, title],
    ),
  );

  const footer = keyed(
    "footer",
    div(
      {
        display: "flex",
        alignItems: "center",
        boxSizing: "border-box",
        height: FOOTER_HEIGHT,
        marginTop: FOOTER_GAP,
        paddingTop: FOOTER_RULE_GAP,
        borderTop: `${FOOTER_RULE_HEIGHT}px solid ${COLORS.softAccent}`,
        flexShrink: 0,
      },
      [
        div({
          width: 18,
          height: 18,
          borderRadius: 5,
          backgroundColor: COLORS.accent,
          marginRight: 16,
        }),
        div(
          {
            display: "flex",
            height: FOOTER_TEXT_HEIGHT,
            alignItems: "center",
            fontSize: FOOTER_FONT_SIZE,
            fontWeight: 700,
            color: COLORS.ink,
          },
          input.siteName.trim(),
        ),
      ],
    ),
  );

  return div(
    {
      display: "flex",
      flexDirection: "column",
      width: SHARE_CARD_WIDTH,
      height: SHARE_CARD_HEIGHT,
      backgroundColor: COLORS.paper,
      fontFamily: FONT_FAMILY,
    },
    [
      div({ width: SHARE_CARD_WIDTH, height: BAND_HEIGHT, backgroundColor: COLORS.accent, flexShrink: 0 }),
      div(
        {
          display: "flex",
          flexDirection: "column",
          width: CONTENT_WIDTH,
          height: CONTENT_HEIGHT,
          marginTop: PADDING_TOP,
          marginLeft: PADDING_X,
        },
        [main, footer],
      ),
    ],
  );
}

const requireFromHere = createRequire(import.meta.url);

function fontPath(weightDirectory: "400Regular" | "700Bold"): string {
  const packageDirectory = dirname(requireFromHere.resolve("@expo-google-fonts/noto-sans-jp/package.json"));
  return join(packageDirectory, weightDirectory, `NotoSansJP_${weightDirectory}.ttf`);
}

const FONT_FILES = [
  { weight: 400, path: () => fontPath("400Regular") },
  { weight: 700, path: () => fontPath("700Bold") },
] as const;

// satori parses a font once per fonts array it is given, so the same array is reused for every card.
let fontsPromise: Promise<SatoriFont[]> | undefined;

function loadFonts(): Promise<SatoriFont[]> {
  fontsPromise ??= Promise.all(
    FONT_FILES.map(async ({ weight, path }): Promise<SatoriFont> => ({
      name: FONT_FAMILY,
      data: await readFile(path()),
      weight,
      style: "normal",
    })),
  ).catch((error: unknown) => {
    // A failed load must not be remembered, or every later card would fail the same way.
    fontsPromise = undefined;
    throw error;
  });
  return fontsPromise;
}

export interface RenderShareCardSvgOptions {
  /** Receives the computed box of every element, e.g. to check that nothing leaves the card. */
  onNodeDetected?: (node: SatoriNode) => void;
  /**
   * `false` draws text as `<text>` elements with their characters instead of outlines, with the
   * same layout, so that tests can read which text went on which line.
   */
  embedFont?: boolean;
}

/** The card as SVG, with its text as outlines so that the SVG needs no fonts. */
export async function renderShareCardSvg(
  input: ShareCardInput,
  options: RenderShareCardSvgOptions = {},
): Promise<string> {
  const fonts = await loadFonts();
  return satori(cardElement(input), {
    width: SHARE_CARD_WIDTH,
    height: SHARE_CARD_HEIGHT,
    fonts,
    embedFont: options.embedFont ?? true,
    ...(options.onNodeDetected ? { onNodeDetected: options.onNodeDetected } : {}),
  });
}

export async function renderShareCard(input: ShareCardInput): Promise<Uint8Array> {
  const svg = await renderShareCardSvg(input);
  const png = new Resvg(svg, {
    fitTo: { mode: "original" },
    // The SVG has no text elements left, so scanning system fonts would only cost time.
    font: { loadSystemFonts: false },
  })
    .render()
    .asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

function readManifest(path: string): { name?: unknown; version?: unknown } | undefined {
  try {
    const manifest: unknown = JSON.parse(readFileSync(path, "utf8"));
    return typeof manifest === "object" && manifest !== null ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** Found from the package's entry point, since not every package exports its package.json. */
function packageVersion(name: string): string {
  let directory = dirname(requireFromHere.resolve(name));
  for (;;) {
    const manifest = readManifest(join(directory, "package.json"));
    if (manifest?.name === name) return String(manifest.version);
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`No package.json of ${name} above its entry point`);
    directory = parent;
  }
}

let rendererIdentity: string | undefined;

/** What besides the input decides the pixels: font files (by size) and renderer versions. */
function getRendererIdentity(): string {
  rendererIdentity ??= JSON.stringify({
    fonts: FONT_FILES.map(({ weight, path }) => [weight, statSync(path()).size]),
    satori: packageVersion("satori"),
    resvg: packageVersion("@resvg/resvg-js"),
    budoux: packageVersion("budoux"),
  });
  return rendererIdentity;
}

/** A content hash of everything that decides a card's pixels; it names the card's cache file. */
export function shareCardHash(input: ShareCardInput): string {
  const { title, articleTitle, siteName, kind } = input;
  return createHash("sha256")
    .update(
      JSON.stringify({
        design: SHARE_CARD_DESIGN_VERSION,
        renderer: getRendererIdentity(),
        input: { title, articleTitle, siteName, kind },
      }),
    )
    .digest("hex")
    .slice(0, 16);
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}

/**
 * Renders a card only when no card with the same hash is in `cacheDir`, which keeps rebuilds fast:
 * an unchanged title costs one file read.
 */
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
