import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, inject, it } from "vitest";
import { readPage } from "../support/built-site";
import { icoImages, pngLowestAlpha, pngPixels, pngSize } from "../support/images";
import { sitePages } from "../support/site";

const distDir = inject("distDir");
const baseUrl = inject("baseUrl");
const pages = sitePages(distDir).all;
const builtFile = (path: string) => readFileSync(join(distDir, path));

/** The built /favicon.svg drawn at `size` px by resvg, as a PNG's RGBA pixels (not premultiplied). */
const faviconPixels = (size: number) =>
  pngPixels(
    new Resvg(builtFile("/favicon.svg"), {
      fitTo: { mode: "width", value: size },
      font: { loadSystemFonts: false },
    })
      .render()
      .asPng(),
  );

describe("site icons", () => {
  it.each(pages)("%s links the SVG icon and the home-screen icon", (path) => {
    const { document } = readPage(distDir, path);
    const links = (rel: string) =>
      [...document.querySelectorAll(`head link[rel="${rel}"]`)].map((link) => ({
        href: link.getAttribute("href"),
        type: link.getAttribute("type"),
      }));
    expect(links("icon")).toEqual([{ href: "/favicon.svg", type: "image/svg+xml" }]);
    expect(links("apple-touch-icon")).toEqual([{ href: "/apple-touch-icon.png", type: null }]);
  });

  it("/apple-touch-icon.png is 180×180 and opaque to its corners, which iOS rounds itself", () => {
    const png = builtFile("/apple-touch-icon.png");
    expect(pngSize(png)).toEqual({ width: 180, height: 180 });
    expect(pngLowestAlpha(png)).toBe(255);
  });

  it("/apple-touch-icon.png draws what /favicon.svg draws, only without the rounded corners", () => {
    const touch = pngPixels(builtFile("/apple-touch-icon.png"));
    const favicon = faviconPixels(180);
    let compared = 0;
    for (let pixel = 0; pixel < favicon.length; pixel += 4) {
      if (favicon[pixel + 3] !== 255) continue; // a rounded corner of the favicon
      compared += 1;
      const at = `pixel ${pixel / 4}`;
      expect([...touch.subarray(pixel, pixel + 4)], at).toEqual([...favicon.subarray(pixel, pixel + 4)]);
    }
    // Everything but the four corners was compared.
    expect(compared).toBeGreaterThan(0.95 * 180 * 180);
  });

  it("/favicon.ico holds /favicon.svg as 16, 32 and 48 px PNGs", () => {
    const images = icoImages(builtFile("/favicon.ico"));
    expect(images.map(({ width, height }) => [width, height])).toEqual([
      [16, 16],
      [32, 32],
      [48, 48],
    ]);
    for (const { width, height, bitsPerPixel, bytes } of images) {
      expect(pngSize(bytes), `${width} px`).toEqual({ width, height });
      expect(bitsPerPixel, `${width} px`).toBe(32);
      expect(pngPixels(bytes).equals(faviconPixels(width)), `${width} px`).toBe(true);
    }
  });

  it.each([
    ["/favicon.svg", "image/svg+xml"],
    ["/favicon.ico", "image/x-icon"],
    ["/apple-touch-icon.png", "image/png"],
  ])("the test server answers %s with 200 and %s, never the 404 page", async (path, type) => {
    const response = await fetch(new URL(path, baseUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(type);
    expect(Buffer.from(await response.arrayBuffer()).equals(builtFile(path))).toBe(true);
  });
});
