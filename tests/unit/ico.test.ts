import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { icoFromPngs } from "../../src/lib/ico";
import { icoImages } from "../support/images";

const square = (size: number) =>
  new Resvg(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>`, {
    fitTo: { mode: "width", value: size },
    font: { loadSystemFonts: false },
  })
    .render()
    .asPng();

describe("icoFromPngs", () => {
  it("lists each PNG with its size and bits per pixel, and holds its bytes unchanged", () => {
    const pngs = [square(16), square(256)];
    const images = icoImages(icoFromPngs(pngs));
    expect(images.map(({ width, height, bitsPerPixel }) => ({ width, height, bitsPerPixel }))).toEqual([
      { width: 16, height: 16, bitsPerPixel: 32 },
      // 256 px is written as 0 in the entry's one byte.
      { width: 256, height: 256, bitsPerPixel: 32 },
    ]);
    images.forEach((image, index) => expect(image.bytes.equals(pngs[index] ?? Buffer.alloc(0))).toBe(true));
  });

  it("refuses images larger than an ICO entry can name, and anything but PNG", () => {
    expect(() => icoFromPngs([square(257)])).toThrow("256");
    expect(() => icoFromPngs([Buffer.from("<svg/>")])).toThrow("PNG");
  });
});
