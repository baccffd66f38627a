import { readFile } from "node:fs/promises";
import { findPackageJSON } from "node:module";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import satori, { type Font as SatoriFont, type SatoriNode } from "satori";
import { keepKinsoku, splitPhrases } from "../lib/phrase-breaks.ts";
import { SHARE_CARD_HEIGHT, SHARE_CARD_WIDTH } from "./card-size.ts";

/**
 * Share cards (Open Graph / X images): 1200×630 PNGs rendered at build time with satori (layout →
 * SVG with the text as outlines) and resvg (SVG → PNG), so no browser and no network are needed.
 * This file draws a card; card-cache.ts keeps what it drew.
 */

export interface ShareCardInput {
  /**
   * The large text: the site name on the home page's card, the article title on the article's,
   * the section title on a section's.
   */
  title: string;
  articleTitle: string;
  siteName: string;
  /** The home card shows the site's tagline under its name, and no footer naming the site again. */
  kind: "home" | "article" | "section";
  /** The line under the title on the home card: what the site offers. */
  subtitle?: string | undefined;
}

/** The colours a card is drawn in: the brand's (src/site/brand.ts), passed in so that a worker can draw. */
export interface CardColors {
  paper: string;
  ink: string;
  muted: string;
  accent: string;
  accentSoft: string;
}

const FONT_FAMILY = "Noto Sans JP";

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
const SUBTITLE_FONT_SIZE = 34;
const SUBTITLE_LINE_HEIGHT = 52;
const SUBTITLE_GAP = 28;
const MAX_SUBTITLE_LINES = 2;
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

function titleLineHeight(fontSize: number): number {
  // satori rounds line heights to whole pixels; rounding here keeps line counts exact divisions.
  return Math.round(fontSize * TITLE_LINE_HEIGHT_RATIO);
}

// satori breaks lines by Unicode's rules (UAX #14), which allow a break before 「｜」 (U+FF5C), as
// in 「断られたら｜理由と心理」, and forbid one before 「、」 or 「・」, so a phrase starting with
// those would be glued to the one before it. keepKinsoku moves such characters (and spaces) to
// the neighbouring phrase, which keeps the break and so keeps short lines possible.

/** BudouX phrases, adjusted so that breaking between any two of them follows the kinsoku rules. */
function titlePhrases(text: string): string[] {
  return keepKinsoku(splitPhrases(text.trim().replace(/\s+/g, " ")));
}

const ZERO_WIDTH_JOINER = "\u200d";
const ZERO_WIDTH_SPACE = "\u200b";
const graphemes = new Intl.Segmenter("ja", { granularity: "grapheme" });

/**
 * Where no joiner goes: at spaces, so that Latin words wrap as words, and at pictographs, which a joiner
 * would fuse into one emoji.
 */
function joinable(grapheme: string): boolean {
  return grapheme !== " " && !/\p{Extended_Pictographic}/u.test(grapheme);
}

function joinGraphemes(phrase: string): string {
  let joined = "";
  let previous: string | undefined;
  for (const { segment } of graphemes.segment(phrase)) {
    if (previous !== undefined && joinable(previous) && joinable(segment)) joined += ZERO_WIDTH_JOINER;
    joined += segment;
    previous = segment;
  }
  return joined;
}

/**
 * The text of `text` for satori, which may then break a line only between BudouX phrases and at
 * spaces, like the pages' headings (`<wbr>` between phrases, `word-break: keep-all`). satori
 * follows UAX #14 with `wordBreak: normal`: a zero-width joiner after each character of a phrase
 * forbids a break inside it (rule LB8a), and a zero-width space between phrases allows one there.
 * Both are drawn as nothing.
 *
 * satori's own `wordBreak: keep-all` cannot do this: it breaks at the dictionary words of
 * `Intl.Segmenter` (断ら|れた, 適切|な), inside BudouX phrases. And satori 0.63 misplaces every
 * piece of a line after one that takes no width (it keeps the piece's position but not its text),
 * which is what a zero-width space is under `keep-all`, and a word joiner (U+2060, the character
 * meant for gluing) is where `overflowWrap` breaks a phrase into characters: the glyphs then
 * overlap or run past the margin. A zero-width joiner belongs to the character before it, so it is
 * never such a piece.
 */
function phraseBreakText(text: string): string {
  return titlePhrases(text).map(joinGraphemes).join(ZERO_WIDTH_SPACE);
}

export interface TitleLayout {
  fontSize: number;
  lineHeight: number;
  /** The space the title may use: what the kicker, the accent rule and the footer leave of the card. */
  box: { width: number; height: number };
  /**
   * Set only when the title does not fit even at the smallest size: the lines that fit, the last
   * one cut with an ellipsis, since overflowing the card or shrinking the text to illegibility
   * would both be worse.
   */
  clampLines: number | undefined;
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

/** Keys name the parts of the card in satori's layout report, which `layoutTitle` and tests read. */
function keyed(key: string, element: CardElement): CardElement {
  return { ...element, key };
}

/**
 * The title at one size. Text in a block container is what satori balances (`textWrap`) and
 * clamps (`lineClamp`). satori balances a clamped paragraph by its clamped height, which narrows
 * the kept lines to half the width, so a clamped title wraps greedily; it is also the only one
 * that may break a phrase too wide for the card (`overflowWrap`) rather than overflow.
 */
function titleElement(
  colors: CardColors,
  key: string,
  text: string,
  fontSize: number,
  clampLines: number | undefined,
  position: CardElement["props"]["style"] = {},
): CardElement {
  return keyed(
    key,
    div(
      {
        display: "block",
        fontSize,
        lineHeight: `${titleLineHeight(fontSize)}px`,
        fontWeight: 700,
        color: colors.ink,
        flexShrink: 0,
        ...(clampLines === undefined
          ? { textWrap: "balance" }
          : { lineClamp: clampLines, overflowWrap: "anywhere" }),
        ...position,
      },
      text,
    ),
  );
}

/**
 * The title at every size at once, for `layoutTitle` to measure: the box fills what the rest of
 * the card leaves, and each candidate is positioned out of the flow so that none moves another.
 * Left at `width: auto` with only `left` set, a candidate is as wide as its widest line, so a
 * phrase too wide for the box shows as a candidate wider than the box.
 */
function measuringTitles(colors: CardColors, text: string): CardElement {
  return keyed(
    "title-box",
    div(
      { display: "flex", position: "relative", width: CONTENT_WIDTH, flexGrow: 1, minHeight: 0 },
      TITLE_FONT_SIZES.map((fontSize) =>
        titleElement(colors, `title-${fontSize}`, text, fontSize, undefined, {
          position: "absolute",
          top: 0,
          left: 0,
        }),
      ),
    ),
  );
}

function cardElement(input: ShareCardInput, colors: CardColors, title: CardElement): CardElement {
  const kicker =
    input.kind === "section"
      ? [
          keyed(
            "kicker",
            div(
              {
                display: "block",
                marginBottom: KICKER_RULE_GAP,
                flexShrink: 0,
                fontSize: KICKER_FONT_SIZE,
                lineHeight: `${KICKER_LINE_HEIGHT}px`,
                fontWeight: 400,
                color: colors.muted,
                lineClamp: MAX_KICKER_LINES,
                overflowWrap: "anywhere",
              },
              phraseBreakText(input.articleTitle),
            ),
          ),
        ]
      : [];
  const rule = div({
    width: 72,
    height: ACCENT_RULE_HEIGHT,
    marginBottom: ACCENT_RULE_GAP,
    borderRadius: ACCENT_RULE_HEIGHT,
    backgroundColor: colors.accent,
    flexShrink: 0,
  });

  const subtitle = input.subtitle
    ? [
        keyed(
          "subtitle",
          div(
            {
              display: "block",
              marginTop: SUBTITLE_GAP,
              flexShrink: 0,
              fontSize: SUBTITLE_FONT_SIZE,
              lineHeight: `${SUBTITLE_LINE_HEIGHT}px`,
              fontWeight: 400,
              color: colors.muted,
              lineClamp: MAX_SUBTITLE_LINES,
              overflowWrap: "anywhere",
            },
            phraseBreakText(input.subtitle),
          ),
        ),
      ]
    : [];
  const hasFooter = input.kind !== "home";

  // The text block is centred in the space above the footer so that short and long titles alike
  // sit in the optical middle.
  const main = keyed(
    "main",
    div(
      {
        display: "flex",
        flexDirection: "column",
        justifyContent: "center",
        width: CONTENT_WIDTH,
        height: hasFooter ? CONTENT_HEIGHT - FOOTER_HEIGHT - FOOTER_GAP : CONTENT_HEIGHT,
        flexShrink: 0,
      },
      [...kicker, rule, title, ...subtitle],
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
        borderTop: `${FOOTER_RULE_HEIGHT}px solid ${colors.accentSoft}`,
        flexShrink: 0,
      },
      [
        div({
          width: 18,
          height: 18,
          borderRadius: 5,
          backgroundColor: colors.accent,
          marginRight: 16,
        }),
        div(
          {
            display: "flex",
            height: FOOTER_TEXT_HEIGHT,
            alignItems: "center",
            fontSize: FOOTER_FONT_SIZE,
            fontWeight: 700,
            color: colors.ink,
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
      backgroundColor: colors.paper,
      fontFamily: FONT_FAMILY,
    },
    [
      div({
        width: SHARE_CARD_WIDTH,
        height: BAND_HEIGHT,
        backgroundColor: colors.accent,
        flexShrink: 0,
      }),
      div(
        {
          display: "flex",
          flexDirection: "column",
          width: CONTENT_WIDTH,
          height: CONTENT_HEIGHT,
          marginTop: PADDING_TOP,
          marginLeft: PADDING_X,
        },
        hasFooter ? [main, footer] : [main],
      ),
    ],
  );
}

/** The packages whose versions, with the design version, decide how a card looks. */
export const SHARE_CARD_PACKAGES = [
  "satori",
  "@resvg/resvg-js",
  "budoux",
  "@expo-google-fonts/noto-sans-jp",
] as const;

/** A package's package.json as Node resolves it from this module (not every package exports it). */
export function packageManifestPath(name: (typeof SHARE_CARD_PACKAGES)[number]): string {
  const path = findPackageJSON(name, import.meta.url);
  if (path === undefined) throw new Error(`No package.json found for ${name}`);
  return path;
}

function fontPath(weightDirectory: "400Regular" | "700Bold"): string {
  const packageDirectory = dirname(packageManifestPath("@expo-google-fonts/noto-sans-jp"));
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

/**
 * Chooses the title's font size for a card: the largest size at which satori sets the title,
 * broken only between phrases, within the box the rest of the card leaves, in few enough lines.
 * One satori pass lays out every size at once; it draws text as `<text>` elements, which skips
 * making outlines and leaves the layout as it is.
 */
export async function layoutTitle(input: ShareCardInput, colors: CardColors): Promise<TitleLayout> {
  const nodes = new Map<string, SatoriNode>();
  await satori(cardElement(input, colors, measuringTitles(colors, phraseBreakText(input.title))), {
    width: SHARE_CARD_WIDTH,
    height: SHARE_CARD_HEIGHT,
    fonts: await loadFonts(),
    embedFont: false,
    onNodeDetected: (node) => {
      if (typeof node.key === "string") nodes.set(node.key, node);
    },
  });
  const slot = nodes.get("title-box");
  if (!slot) throw new Error("satori reported no title box");
  const box = { width: slot.width, height: slot.height };

  for (const fontSize of TITLE_FONT_SIZES) {
    const node = nodes.get(`title-${fontSize}`);
    const lineHeight = titleLineHeight(fontSize);
    if (
      node &&
      node.width <= box.width &&
      node.height <= box.height &&
      node.height <= maxTitleLines(fontSize) * lineHeight
    ) {
      return { fontSize, lineHeight, box, clampLines: undefined };
    }
  }
  const lineHeight = titleLineHeight(SMALLEST_TITLE_FONT_SIZE);
  return {
    fontSize: SMALLEST_TITLE_FONT_SIZE,
    lineHeight,
    box,
    clampLines: Math.max(1, Math.floor(box.height / lineHeight)),
  };
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
  colors: CardColors,
  options: RenderShareCardSvgOptions = {},
): Promise<string> {
  const layout = await layoutTitle(input, colors);
  const title = titleElement(
    colors,
    "title",
    phraseBreakText(input.title),
    layout.fontSize,
    layout.clampLines,
  );
  return satori(cardElement(input, colors, title), {
    width: SHARE_CARD_WIDTH,
    height: SHARE_CARD_HEIGHT,
    fonts: await loadFonts(),
    embedFont: options.embedFont ?? true,
    ...(options.onNodeDetected ? { onNodeDetected: options.onNodeDetected } : {}),
  });
}

export async function renderShareCard(input: ShareCardInput, colors: CardColors): Promise<Uint8Array> {
  const svg = await renderShareCardSvg(input, colors);
  const png = new Resvg(svg, {
    fitTo: { mode: "original" },
    // The SVG has no text elements left, so scanning system fonts would only cost time.
    font: { loadSystemFonts: false },
  })
    .render()
    .asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
