/**
 * An ICO file holding PNG images, one per size: a 6-byte ICONDIR, a 16-byte ICONDIRENTRY per image,
 * then the PNGs as they are (PNG entries are read by every browser and by Windows since Vista).
 *
 * Written here rather than taken from npm: png-to-ico (maintained) stores each size as an
 * uncompressed bitmap, about ten times the bytes, and ico-endec
 * writes the PNG's bit depth (8) where the entry wants bits per pixel (32), has no types and no tests.
 */
export function icoFromPngs(pngs: readonly Uint8Array[]): Buffer {
  const ICONDIR_BYTES = 6;
  const ICONDIRENTRY_BYTES = 16;
  const head = Buffer.alloc(ICONDIR_BYTES + ICONDIRENTRY_BYTES * pngs.length);
  head.writeUInt16LE(1, 2); // image type: 1 is an icon, 2 a cursor
  head.writeUInt16LE(pngs.length, 4);
  let offset = head.length;
  pngs.forEach((png, index) => {
    const { width, height, bitsPerPixel } = pngHeader(png);
    if (width > 256 || height > 256)
      throw new Error(`An ICO image is at most 256×256 px, not ${width}×${height}.`);
    const entry = ICONDIR_BYTES + ICONDIRENTRY_BYTES * index;
    head.writeUInt8(width % 256, entry); // 0 stands for 256
    head.writeUInt8(height % 256, entry + 1);
    head.writeUInt16LE(1, entry + 4); // colour planes
    head.writeUInt16LE(bitsPerPixel, entry + 6);
    head.writeUInt32LE(png.length, entry + 8);
    head.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([head, ...pngs]);
}

/** Samples per pixel of each PNG colour type (greyscale, RGB, palette, grey + alpha, RGBA). */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Size and bits per pixel from a PNG's IHDR, which the PNG format puts first. */
function pngHeader(png: Uint8Array): { width: number; height: number; bitsPerPixel: number } {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (bytes.toString("hex", 0, 8) !== "89504e470d0a1a0a" || bytes.toString("latin1", 12, 16) !== "IHDR") {
    throw new Error("An ICO image must be a PNG.");
  }
  const channels = PNG_CHANNELS[bytes.readUInt8(25)];
  if (channels === undefined) throw new Error(`Unknown PNG colour type ${bytes.readUInt8(25)}.`);
  return {
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    bitsPerPixel: channels * bytes.readUInt8(24),
  };
}
