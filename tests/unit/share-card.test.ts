import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SatoriNode } from "satori";
import { afterAll, describe, expect, it } from "vitest";
import {
  layoutTitle,
  renderShareCard,
  renderShareCardCached,
  renderShareCardSvg,
  SHARE_CARD_HEIGHT,
  SHARE_CARD_WIDTH,
  shareCardHash,
  type ShareCardInput,
} from "../../src/share/card";

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

/** Width and height from the IHDR chunk, which the PNG format requires to come first. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  expect([...png.subarray(0, 8)]).toEqual(signature);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(new TextDecoder().decode(png.subarray(12, 16))).toBe("IHDR");
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

async function renderedNodes(input: ShareCardInput): Promise<Map<string, SatoriNode>> {
  const nodes = new Map<string, SatoriNode>();
  await renderShareCardSvg(input, {
    onNodeDetected: (node) => {
      if (typeof node.key === "string") nodes.set(node.key, node);
    },
  });
  return nodes;
}

describe("share card images", () => {
  it("renders a 1200×630 PNG", async () => {
    const png = await renderShareCard(articleCard);
    expect(pngSize(png)).toEqual({ width: SHARE_CARD_WIDTH, height: SHARE_CARD_HEIGHT });
    expect({ width: SHARE_CARD_WIDTH, height: SHARE_CARD_HEIGHT }).toEqual({ width: 1200, height: 630 });
  });

  it("gives different titles different images and hashes", async () => {
    const [first, second] = [sectionCard("まとめ"), sectionCard("交換を断られても諦めないために")];
    const [firstPng, secondPng] = await Promise.all([renderShareCard(first), renderShareCard(second)]);
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

describe("title layout", () => {
  it("knows the longest inputs are as long as the site allows", () => {
    expect([...longestArticleTitle].length).toBe(70);
    expect([...longestSectionTitle].length).toBe(40);
  });

  it.each([...realCards, ...longestCards])("fits $title into its box by estimate", (input) => {
    const layout = layoutTitle(input);
    expect(layout.lines.length * layout.lineHeight).toBeLessThanOrEqual(layout.box.height);
    for (const width of layout.lineWidths) expect(width).toBeLessThanOrEqual(layout.box.width);
    expect(layout.lines.flat().join("")).toBe(input.title);
    expect(layout.fontSize).toBeGreaterThanOrEqual(48);
  });

  it("sets short titles large and long titles smaller", () => {
    expect(layoutTitle(sectionCard("まとめ")).fontSize).toBe(76);
    expect(layoutTitle(articleCard).fontSize).toBe(76);
    expect(layoutTitle(longestCards[0] ?? articleCard).fontSize).toBeLessThan(76);
  });

  it("breaks lines only between BudouX phrases and never before a separator", () => {
    const layout = layoutTitle(sectionCard("LINE交換を断られたときの適切な対応法"));
    expect(layout.lines.flat()).toEqual(["LINE交換を", "断られた", "ときの", "適切な", "対応法"]);
    const longest = layoutTitle(longestCards[0] ?? articleCard);
    for (const line of longest.lines) expect(line.join("")).not.toMatch(/^[｜・、]/);
  });

  it("cuts absurdly long text with an ellipsis instead of overflowing", () => {
    const layout = layoutTitle(sectionCard("とても長い見出し".repeat(40), "記事".repeat(100)));
    expect(layout.lines.length * layout.lineHeight).toBeLessThanOrEqual(layout.box.height);
    expect(layout.lines.at(-1)?.at(-1)).toBe("…");
    expect(layout.kicker?.lines).toHaveLength(2);
  });

  it.each(longestCards)("renders $title inside the card as laid out", async (input) => {
    const layout = layoutTitle(input);
    const nodes = await renderedNodes(input);
    const footer = nodes.get("footer");
    expect(footer).toBeDefined();
    const footerTop = footer?.top ?? 0;

    layout.lines.forEach((line, lineIndex) => {
      const phraseNodes = line.map((phrase, phraseIndex) => {
        const node = nodes.get(`title-phrase-${lineIndex}-${phraseIndex}`);
        expect(node?.textContent).toBe(phrase);
        return node ?? { left: 0, top: 0, width: 0, height: 0 };
      });
      // One top per planned line: the renderer's safety-net wrapping never had to step in.
      expect(new Set(phraseNodes.map((node) => node.top)).size).toBe(1);
      const renderedWidth = phraseNodes.reduce((total, node) => total + node.width, 0);
      expect(renderedWidth).toBeLessThanOrEqual(layout.lineWidths[lineIndex] ?? 0);
      for (const node of phraseNodes) {
        expect(node.left).toBeGreaterThanOrEqual(80);
        expect(node.left + node.width).toBeLessThanOrEqual(SHARE_CARD_WIDTH - 80);
        expect(node.top + node.height).toBeLessThanOrEqual(footerTop);
      }
    });
  });
});
