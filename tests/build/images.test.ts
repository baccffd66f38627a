import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { readPage } from "../support/built-site";
import { FIXTURE_ARTICLE } from "../support/site";

/**
 * The fixture article (tests/fixtures/articles/aisatsu/) holds one picture written twice: as
 * Markdown with a caption, opening its section, and as a decorative `<Figure>` further down.
 */
const distDir = inject("distDir");
const SECTION_PAGE = `${FIXTURE_ARTICLE}background/`;
const ALT =
  "朝の職場で、二人がスマートフォンの画面を挟んで向かい合い、吹き出しで短い挨拶を交わしているイラスト";

/** Each `url width` of a srcset. */
const candidates = (srcset: string | null) =>
  (srcset ?? "").split(",").map((candidate) => {
    const [url = "", width = ""] = candidate.trim().split(/\s+/);
    return { url, width: Number.parseInt(width, 10) };
  });

function figuresOf(path: string) {
  const { document } = readPage(distDir, path);
  return [...document.querySelectorAll("main figure")].map((figure) => {
    const source = figure.querySelector("picture > source");
    const img = figure.querySelector("picture > img");
    if (!source || !img) throw new Error(`${path}: a figure without <picture>, <source> and <img>`);
    return { figure, source, img };
  });
}

describe("pictures in an article", () => {
  it("are built into AVIF and WebP at phone-to-desktop widths, every file written", () => {
    const [{ source, img }] = figuresOf(SECTION_PAGE) as [ReturnType<typeof figuresOf>[number]];
    expect(source.getAttribute("type")).toBe("image/avif");
    const avif = candidates(source.getAttribute("srcset"));
    const webp = candidates(img.getAttribute("srcset"));
    // The file is 1200 px wide: no candidate is made larger than it.
    expect(avif.map((candidate) => candidate.width)).toEqual([320, 480, 640, 960, 1200]);
    expect(webp.map((candidate) => candidate.width)).toEqual([320, 480, 640, 960, 1200]);
    expect(img.getAttribute("src")).toMatch(/^\/_astro\/.+\.webp$/);
    for (const { url } of [...avif, ...webp]) {
      expect(url).toMatch(/^\/_astro\/.+\.(avif|webp)$/);
      expect(existsSync(join(distDir, url)), url).toBe(true);
    }
    // The smallest is what a phone on a slow line downloads.
    const smallest = avif[0]?.url ?? "";
    expect(statSync(join(distDir, smallest)).size).toBeLessThan(4_000);
  });

  it("keep their place before they arrive (width, height, sizes) and load without blocking", () => {
    for (const { source, img } of figuresOf(SECTION_PAGE)) {
      expect(img.getAttribute("width")).toBe("1200");
      expect(img.getAttribute("height")).toBe("800");
      expect(img.getAttribute("decoding")).toBe("async");
      expect(img.getAttribute("sizes")).toContain("100vw");
      expect(source.getAttribute("sizes")).toBe(img.getAttribute("sizes"));
    }
  });

  it("say what they show: the alt text, the caption under the picture, an empty alt only when marked decorative", () => {
    const [opening, decorative] = figuresOf(SECTION_PAGE);
    expect(opening?.img.getAttribute("alt")).toBe(ALT);
    expect(opening?.figure.querySelector("figcaption")?.textContent).toBe("挨拶は、短いひとことで十分です");
    expect(decorative?.img.getAttribute("alt")).toBe("");
    expect(decorative?.figure.querySelector("figcaption")).toBeNull();
  });

  it("load at once when they open a section's page, and only when scrolled near everywhere else", () => {
    const [opening, later] = figuresOf(SECTION_PAGE);
    expect(opening?.img.getAttribute("loading")).toBe("eager");
    expect(opening?.img.getAttribute("fetchpriority")).toBe("high");
    expect(later?.img.getAttribute("loading")).toBe("lazy");
    // On the full article the section is far below the first screen.
    const onArticle = figuresOf(FIXTURE_ARTICLE);
    expect(onArticle).toHaveLength(2);
    for (const { img } of onArticle) {
      expect(img.getAttribute("loading")).toBe("lazy");
      expect(img.hasAttribute("fetchpriority")).toBe(false);
    }
  });
});
