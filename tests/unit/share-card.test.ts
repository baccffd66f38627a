import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SatoriNode } from "satori";
import { afterAll, describe, expect, it, vi } from "vitest";
import { splitPhrases } from "../../src/lib/phrase-breaks";
import { pngSize } from "../support/images";
import { drawMissingCards, renderShareCardCached, shareCardHash } from "../../src/share/card-cache";
import { BRAND_COLORS } from "../../src/site/brand";
import { SHARE_CARD_HEIGHT, SHARE_CARD_WIDTH } from "../../src/share/card-size";
import {
  layoutTitle,
  renderShareCard,
  renderShareCardSvg,
  type ShareCardInput,
} from "../../src/share/card-layout";

const siteName = "職場の人間関係ノート";
const articleTitle = "職場でLINE交換を断られたら";

function sectionCard(title: string, article = articleTitle): ShareCardInput {
  return { kind: "section", title, articleTitle: article, siteName };
}

const articleCard: ShareCardInput = { kind: "article", title: articleTitle, articleTitle, siteName };

// The longest inputs the site allows: share titles of up to 70 characters, section titles of up to 40.
const longestArticleTitle =
  "職場でLINE交換を断られたら｜理由と心理・気まずくならない対応・LINE以外の連絡手段と親密さの育て方・これからの関係づくりのヒント実例集";
const longestSectionTitle =
  "断られた直後の気まずさを和らげる一言と、その後の職場での距離感を上手に保つ工夫例";

const longestCards: ShareCardInput[] = [
  { kind: "article", title: longestArticleTitle, articleTitle: longestArticleTitle, siteName },
  sectionCard(longestSectionTitle),
  sectionCard(longestSectionTitle, longestArticleTitle),
];

const realCards: ShareCardInput[] = [
  articleCard,
  ...[
    "職場でLINE交換を断られた理由と心理",
    "LINE交換を断られたときの適切な対応法",
    "LINE以外の連絡手段と親密さを育む方法",
    "交換を断られても諦めないために",
    "まとめ",
  ].map((title) => sectionCard(title)),
];

/** Long titles of the kind the site may get, with brackets, separators and Latin words. */
const madeUpCards: ShareCardInput[] = [
  "連絡先を聞くタイミングを間違えたと感じたときに落ち着いて関係を立て直す方法",
  "上司や先輩に個人的な連絡先を聞いても失礼にならない場面と聞き方の具体例",
  "「また今度」と言われたら｜社交辞令か本音かを見分けるポイント（実例つき）",
  "SlackやTeamsなどLINE以外のツールで気軽に話しかけるためのコツとマナー",
].map((title) => sectionCard(title));

const allCards = [...realCards, ...longestCards, ...madeUpCards];

const INK = "#1f2328";
const CONTENT_LEFT = 80;
const CONTENT_RIGHT = SHARE_CARD_WIDTH - 80;

/** A `<text>` element of an SVG drawn with `embedFont: false`: one piece of a line, where satori put it. */
interface TextPiece {
  x: number;
  /** The baseline, the same for every piece of a line. */
  y: number;
  width: number;
  fontSize: number;
  fill: string;
  text: string;
}

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };

function textPieces(svg: string): TextPiece[] {
  return [...svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)].map(([, attributes = "", content = ""]) => {
    const attribute = (name: string) => new RegExp(`(?:^| )${name}="([^"]*)"`).exec(attributes)?.[1] ?? "";
    return {
      x: Number(attribute("x")),
      y: Number(attribute("y")),
      width: Number(attribute("width")),
      fontSize: Number(attribute("font-size")),
      fill: attribute("fill"),
      text: content.replace(
        /&(amp|lt|gt|quot|#39);/g,
        (entity, name: string) => XML_ENTITIES[name] ?? entity,
      ),
    };
  });
}

interface Line {
  /** The characters of the line, without the invisible ones that only steer line breaking. */
  text: string;
  left: number;
  /** Where the last visible character ends; a space at the end of a line may hang past it. */
  right: number;
}

/** Pieces grouped into lines by baseline, top to bottom. */
function linesOf(pieces: readonly TextPiece[]): Line[] {
  const baselines = [...new Set(pieces.map((piece) => piece.y))].sort((a, b) => a - b);
  return baselines.map((baseline) => {
    const line = pieces.filter((piece) => piece.y === baseline).sort((a, b) => a.x - b.x);
    const visible = line.filter((piece) => piece.text.replace(/[\s\u200b\u200d\u2060]/g, "") !== "");
    return {
      text: line.map((piece) => piece.text.replace(/[\u200b\u200d\u2060]/g, "")).join(""),
      left: Math.min(...visible.map((piece) => piece.x)),
      right: Math.max(...visible.map((piece) => piece.x + piece.width)),
    };
  });
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * The outline of each run of text in an SVG drawn with fonts embedded (as the PNG is): satori
 * writes glyphs as `<path fill d>` with absolute M/L/Q/Z commands only, so the box of all the
 * points holds the ink (a quadratic curve stays inside the box of its control points).
 */
function glyphBoxes(svg: string): { fill: string; box: Box }[] {
  return [...svg.matchAll(/<path fill="([^"]+)" d="([MLQZ\d .-]+)"\/>/g)].map(([, fill = "", d = ""]) => {
    const numbers = (d.match(/-?[\d.]+/g) ?? []).map(Number);
    const xs = numbers.filter((_, index) => index % 2 === 0);
    const ys = numbers.filter((_, index) => index % 2 === 1);
    return {
      fill,
      box: { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) },
    };
  });
}

/** The card as satori draws it: its title's lines, its kicker's lines, the boxes of its parts and its ink. */
async function renderedCard(input: ShareCardInput) {
  const layout = await layoutTitle(input, BRAND_COLORS);
  const nodes = new Map<string, SatoriNode>();
  const textSvg = await renderShareCardSvg(input, BRAND_COLORS, {
    embedFont: false,
    onNodeDetected: (node) => {
      if (typeof node.key === "string") nodes.set(node.key, node);
    },
  });
  const pieces = textPieces(textSvg);
  const footer = nodes.get("footer");
  if (!footer) throw new Error("no footer node");
  return {
    layout,
    footerTop: footer.top,
    title: linesOf(pieces.filter((piece) => piece.fill === INK && piece.fontSize === layout.fontSize)),
    titleFontSizes: new Set(
      pieces.filter((piece) => piece.fill === INK && piece.y < footer.top).map((piece) => piece.fontSize),
    ),
    kicker: linesOf(pieces.filter((piece) => piece.fill !== INK)),
    ink: glyphBoxes(await renderShareCardSvg(input, BRAND_COLORS)),
  };
}

/**
 * Where a title may break, found from BudouX itself: between its phrases and after spaces. A
 * separator or closing bracket that BudouX puts at the start of a phrase may move the break to
 * after it, and an opening bracket at the end of a phrase may move it to before it.
 */
function allowedBreaks(title: string): Set<number> {
  const allowed = new Set<number>();
  let offset = 0;
  for (const phrase of splitPhrases(title)) {
    offset += phrase.length;
    allowed.add(offset);
    for (let after = offset; /^[、。・｜）」』]/u.test(title.slice(after)); after++) allowed.add(after + 1);
    for (let before = offset; /[（「『]$/u.test(title.slice(0, before)); before--) allowed.add(before - 1);
  }
  for (const [index, char] of [...title].entries()) if (char === " ") allowed.add(index + 1);
  return allowed;
}

function breakOffsets(lines: readonly Line[]): number[] {
  const offsets: number[] = [];
  let offset = 0;
  for (const line of lines.slice(0, -1)) {
    offset += line.text.length;
    offsets.push(offset);
  }
  return offsets;
}

describe("share card images", () => {
  it("renders a 1200×630 PNG", async () => {
    const png = await renderShareCard(articleCard, BRAND_COLORS);
    expect(pngSize(png)).toEqual({ width: SHARE_CARD_WIDTH, height: SHARE_CARD_HEIGHT });
    expect({ width: SHARE_CARD_WIDTH, height: SHARE_CARD_HEIGHT }).toEqual({ width: 1200, height: 630 });
  });

  it("gives different titles different images and hashes", async () => {
    const [first, second] = [sectionCard("まとめ"), sectionCard("交換を断られても諦めないために")];
    const [firstPng, secondPng] = await Promise.all([
      renderShareCard(first, BRAND_COLORS),
      renderShareCard(second, BRAND_COLORS),
    ]);
    expect(Buffer.from(firstPng).equals(Buffer.from(secondPng))).toBe(false);
    expect(shareCardHash(first)).not.toBe(shareCardHash(second));
  });

  it("hashes the same input to the same short hex key, and every field into it", () => {
    const hash = shareCardHash(articleCard);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(shareCardHash({ ...articleCard })).toBe(hash);
    expect(shareCardHash({ ...articleCard, siteName: "別のサイト" })).not.toBe(hash);
    expect(shareCardHash({ ...articleCard, kind: "section" })).not.toBe(hash);
    expect(shareCardHash({ ...articleCard, articleTitle: "別の記事" })).not.toBe(hash);
  });
});

describe("cached share cards", () => {
  const cacheDir = mkdtempSync(join(tmpdir(), "share-card-cache-"));
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it("renders once, then reads the same bytes back, and renders again when the input changes", async () => {
    const input = sectionCard("LINE交換を断られたときの適切な対応法");
    const first = await renderShareCardCached(input, join(cacheDir, "nested"));
    expect(first.cached).toBe(false);
    expect(existsSync(join(cacheDir, "nested", `${shareCardHash(input)}.png`))).toBe(true);

    const second = await renderShareCardCached(input, join(cacheDir, "nested"));
    expect(second.cached).toBe(true);
    expect(Buffer.from(second.png).equals(Buffer.from(first.png))).toBe(true);

    const changed = await renderShareCardCached(
      { ...input, title: "LINE以外の連絡手段と親密さを育む方法" },
      join(cacheDir, "nested"),
    );
    expect(changed.cached).toBe(false);
    expect(Buffer.from(changed.png).equals(Buffer.from(first.png))).toBe(false);
    // Only finished files remain: the temporary files of the atomic writes are gone.
    expect(readdirSync(join(cacheDir, "nested")).sort()).toEqual(
      [
        `${shareCardHash(input)}.png`,
        `${shareCardHash({ ...input, title: "LINE以外の連絡手段と親密さを育む方法" })}.png`,
      ].sort(),
    );
  });
});

// Everything below reads what satori drew: the lines from an SVG with text elements, the ink from
// one with outlines (the PNG's), so a wrong estimate or a wrong layout shows as a failure.
describe("title layout", () => {
  it("knows the longest inputs are as long as the site allows", () => {
    expect([...longestArticleTitle].length).toBe(70);
    expect([...longestSectionTitle].length).toBe(40);
  });

  it.each(allCards)("sets $title whole, in its box, in few lines", async (input) => {
    const { layout, title, titleFontSizes } = await renderedCard(input);
    expect(titleFontSizes).toEqual(new Set([layout.fontSize]));
    expect(title.map((line) => line.text).join("")).toBe(input.title);
    expect(title.length * layout.lineHeight).toBeLessThanOrEqual(layout.box.height);
    expect(title.length).toBeLessThanOrEqual(layout.fontSize >= 64 ? 3 : 4);
    expect(layout.fontSize).toBeGreaterThanOrEqual(48);
    for (const line of title) {
      expect(line.left, line.text).toBeGreaterThanOrEqual(CONTENT_LEFT);
      expect(line.right, line.text).toBeLessThanOrEqual(CONTENT_RIGHT);
    }
  });

  it.each(allCards)("draws $title's ink inside the card's margins and above the footer", async (input) => {
    const { ink, footerTop } = await renderedCard(input);
    for (const { box } of ink) {
      expect(box.left).toBeGreaterThanOrEqual(CONTENT_LEFT);
      expect(box.right).toBeLessThanOrEqual(CONTENT_RIGHT);
    }
    // Only the site name is drawn in the footer; everything above it ends above it.
    const aboveFooter = ink.filter(({ box }) => box.top < footerTop);
    expect(ink.length - aboveFooter.length).toBe(1);
    expect(aboveFooter.some(({ fill }) => fill === INK)).toBe(true);
    for (const { box } of aboveFooter) expect(box.bottom).toBeLessThanOrEqual(footerTop);
  });

  it.each(allCards)("breaks $title only between BudouX phrases, never before a separator", async (input) => {
    const { title } = await renderedCard(input);
    const allowed = allowedBreaks(input.title);
    for (const offset of breakOffsets(title)) {
      expect(allowed, `break after 「${input.title.slice(0, offset)}」`).toContain(offset);
    }
    for (const line of title) {
      expect(line.text).not.toMatch(/^[\s｜・、。）」』]/u);
      expect(line.text).not.toMatch(/[（「『]$/u);
    }
  });

  it("sets short titles large and long titles smaller", async () => {
    expect((await layoutTitle(sectionCard("まとめ"), BRAND_COLORS)).fontSize).toBe(76);
    expect((await layoutTitle(articleCard, BRAND_COLORS)).fontSize).toBe(76);
    expect((await layoutTitle(longestCards[0] ?? articleCard, BRAND_COLORS)).fontSize).toBeLessThan(76);
  });

  it("balances lines rather than leaving a short last line", async () => {
    // Filled greedily, these would end in 「適切な対応法」 and in a lone 「ために」.
    const responses = await renderedCard(sectionCard("LINE交換を断られたときの適切な対応法"));
    expect(responses.title.map((line) => line.text)).toEqual(["LINE交換を断られた", "ときの適切な対応法"]);
    const mindset = await renderedCard(sectionCard("交換を断られても諦めないために"));
    expect(mindset.title.map((line) => line.text)).toEqual(["交換を断られても", "諦めないために"]);
  });

  it("wraps Latin words at spaces, so a title with them need not be set small", async () => {
    const input = sectionCard("Google Meet and Microsoft Teams: 職場のチャットで距離を縮める方法");
    const { layout, title } = await renderedCard(input);
    expect(layout.fontSize).toBeGreaterThanOrEqual(64);
    expect(title.map((line) => line.text)).toEqual([
      "Google Meet and ",
      "Microsoft Teams: 職場の",
      "チャットで距離を縮める方法",
    ]);
  });

  it("breaks a word too wide for the card rather than letting it overflow", async () => {
    const word = "Supercalifragilisticexpialidocious".repeat(3);
    const { layout, title, ink, footerTop } = await renderedCard(sectionCard(`${word} まとめ`));
    expect(layout.fontSize).toBe(40);
    expect(title.map((line) => line.text).join("")).toBe(`${word} まとめ`);
    for (const line of title) expect(line.right).toBeLessThanOrEqual(CONTENT_RIGHT);
    for (const { box } of ink.filter(({ box }) => box.top < footerTop)) {
      expect(box.right).toBeLessThanOrEqual(CONTENT_RIGHT);
    }
  });

  it("cuts absurdly long text with an ellipsis instead of overflowing", async () => {
    const input = sectionCard("とても長い見出し".repeat(40), "記事".repeat(100));
    const { layout, title, kicker, ink, footerTop } = await renderedCard(input);
    expect(title.length * layout.lineHeight).toBeLessThanOrEqual(layout.box.height);
    expect(title.at(-1)?.text).toMatch(/…$/);
    expect(kicker).toHaveLength(2);
    expect(kicker.at(-1)?.text).toMatch(/…$/);
    for (const line of [...title, ...kicker]) expect(line.right).toBeLessThanOrEqual(CONTENT_RIGHT);
    for (const { box } of ink.filter(({ box }) => box.top < footerTop)) {
      expect(box.right).toBeLessThanOrEqual(CONTENT_RIGHT);
      expect(box.bottom).toBeLessThanOrEqual(footerTop);
    }
  });
});

describe("cards drawn ahead of their pages", () => {
  const cacheDir = mkdtempSync(join(tmpdir(), "share-card-ahead-"));
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it("draws every missing card at once, and each page then gets the card drawn for it", async () => {
    const cards = ["先に描く一つ目", "先に描く二つ目", "先に描く三つ目"].map((title) => sectionCard(title));
    drawMissingCards(cards, cacheDir);
    const [first, ...others] = cards;
    const page = await renderShareCardCached(first ?? articleCard, cacheDir);
    expect(page.cached).toBe(false);
    expect(
      Buffer.from(page.png).equals(Buffer.from(await renderShareCard(first ?? articleCard, BRAND_COLORS))),
    ).toBe(true);
    // The others were drawn meanwhile, without their pages asking.
    await Promise.all(others.map((card) => renderShareCardCached(card, cacheDir)));
    expect(readdirSync(cacheDir).sort()).toEqual(cards.map((card) => `${shareCardHash(card)}.png`).sort());
    // Nothing is drawn again for cards already there.
    drawMissingCards(cards, cacheDir);
    expect((await renderShareCardCached(first ?? articleCard, cacheDir)).cached).toBe(true);
  });
});

describe("the share-card cache key", () => {
  const input: ShareCardInput = {
    kind: "article",
    title: "鍵のテスト",
    articleTitle: "鍵のテスト",
    siteName: "サイト",
  };

  /** The hash of `input` computed by a fresh card-cache.ts, with `module` replaced by `replace(original)`. */
  async function hashWith<M>(module: string, replace: (original: M) => Partial<M>): Promise<string> {
    vi.resetModules();
    vi.doMock(module, async (importOriginal) => {
      const original = await importOriginal<M>();
      return { ...original, ...replace(original) };
    });
    try {
      return (await import("../../src/share/card-cache")).shareCardHash(input);
    } finally {
      vi.doUnmock(module);
    }
  }

  it("changes with the brand colours, so a new colour in global.css renders new cards", async () => {
    const recoloured = await hashWith<typeof import("../../src/site/brand.ts")>(
      "../../src/site/brand.ts",
      (original) => ({ BRAND_COLORS: { ...original.BRAND_COLORS, accent: "#b00020" } }),
    );
    expect(recoloured).not.toBe(shareCardHash(input));
  });

  it("changes with the version of a package that draws the card, read from its package.json", async () => {
    const folder = mkdtempSync(join(tmpdir(), "satori-"));
    const manifest = join(folder, "package.json");
    writeFileSync(manifest, JSON.stringify({ name: "satori", version: "0.0.0-next" }));
    try {
      const bumped = await hashWith<typeof import("../../src/share/card-layout.ts")>(
        "../../src/share/card-layout.ts",
        (original) => ({
          packageManifestPath: (name) => (name === "satori" ? manifest : original.packageManifestPath(name)),
        }),
      );
      expect(bumped).not.toBe(shareCardHash(input));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("the home page's card", () => {
  const tagline = "職場の人づきあいで迷ったときに、落ち着いて読める記事を集めています。";
  const homeCard: ShareCardInput = {
    kind: "home",
    title: siteName,
    subtitle: tagline,
    articleTitle: siteName,
    siteName,
  };

  it("names the site once, large, with the tagline under it and no footer repeating the name", async () => {
    const nodes = new Map<string, SatoriNode>();
    const svg = await renderShareCardSvg(homeCard, BRAND_COLORS, {
      embedFont: false,
      onNodeDetected: (node) => {
        if (typeof node.key === "string") nodes.set(node.key, node);
      },
    });
    expect(nodes.has("footer")).toBe(false);
    expect(nodes.has("kicker")).toBe(false);
    const pieces = textPieces(svg);
    const layout = await layoutTitle(homeCard, BRAND_COLORS);
    const title = linesOf(pieces.filter((piece) => piece.fill === INK));
    expect(title.map((line) => line.text).join("")).toBe(siteName);
    expect(layout.fontSize).toBeGreaterThanOrEqual(68);
    const subtitle = linesOf(pieces.filter((piece) => piece.fill !== INK));
    expect(subtitle.map((line) => line.text).join("")).toBe(tagline);
    // Under the title, inside the card, never cut.
    const titleBottom = Math.max(...pieces.filter((piece) => piece.fill === INK).map((piece) => piece.y));
    expect(Math.min(...pieces.filter((piece) => piece.fill !== INK).map((piece) => piece.y))).toBeGreaterThan(
      titleBottom,
    );
    const box = nodes.get("subtitle");
    expect(box && box.top + box.height).toBeLessThanOrEqual(SHARE_CARD_HEIGHT - 60);
    for (const line of [...title, ...subtitle]) expect(line.right).toBeLessThanOrEqual(CONTENT_RIGHT);
  });

  it("is a card of its own: a different hash from a section card with the same words", () => {
    expect(shareCardHash(homeCard)).not.toBe(
      shareCardHash({ kind: "section", title: siteName, articleTitle: siteName, siteName }),
    );
    expect(shareCardHash({ ...homeCard, subtitle: "別の説明です。" })).not.toBe(shareCardHash(homeCard));
  });
});
