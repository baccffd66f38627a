import { decode } from "fast-png";

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const png = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (png.toString("hex", 0, 8) !== "89504e470d0a1a0a") throw new Error("not a PNG: wrong signature");
  if (png.toString("latin1", 12, 16) !== "IHDR") throw new Error("not a PNG: IHDR is not the first chunk");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The lowest alpha of any pixel of a PNG, decoded in full: 255 when it is opaque everywhere. */
export function pngLowestAlpha(bytes: Uint8Array): number {
  const { data, channels, depth, transparency } = decode(bytes);
  if (transparency) throw new Error("PNG with a tRNS chunk: its transparency is not read here");
  // Greyscale, RGB and palette images (1 or 3 channels) without tRNS have no alpha at all.
  if (channels % 2 === 1) return 255;
  const opaque = 2 ** depth - 1;
  let lowest = opaque;
  for (let alpha = channels - 1; alpha < data.length; alpha += channels)
    lowest = Math.min(lowest, data[alpha] ?? 0);
  return Math.round((lowest / opaque) * 255);
}

/** The pixels of an 8-bit RGBA PNG, as resvg writes them: 4 bytes a pixel, alpha not premultiplied. */
export function pngPixels(bytes: Uint8Array): Buffer {
  const { data, channels, depth } = decode(bytes);
  if (channels !== 4 || depth !== 8)
    throw new Error(`not an 8-bit RGBA PNG: ${channels} channels of ${depth} bits`);
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** One image of an ICO file, as its directory entry says, with the bytes it points to. */
export interface IcoImage {
  width: number;
  height: number;
  bitsPerPixel: number;
  bytes: Buffer;
}

/** The images of an ICO file, read from its directory (ICONDIR, then one ICONDIRENTRY per image). */
export function icoImages(ico: Buffer): IcoImage[] {
  if (ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) throw new Error("not an ICO: wrong header");
  return Array.from({ length: ico.readUInt16LE(4) }, (_, index) => {
    const entry = 6 + 16 * index;
    const size = ico.readUInt32LE(entry + 8);
    const offset = ico.readUInt32LE(entry + 12);
    if (offset + size > ico.length) throw new Error(`ICO image ${index} runs past the end of the file`);
    return {
      width: ico.readUInt8(entry) || 256,
      height: ico.readUInt8(entry + 1) || 256,
      bitsPerPixel: ico.readUInt16LE(entry + 6),
      bytes: ico.subarray(offset, offset + size),
    };
  });
}
