import { Resvg } from "@resvg/resvg-js";
import { icoFromPngs } from "../lib/ico";
import { BRAND_COLORS } from "./brand";

/**
 * The site icon, a speech bubble on the accent colour, drawn on a 32-unit grid. `cornerRadius`
 * rounds the background square; 0 fills the whole square.
 */
function iconSvg(cornerRadius: number): string {
  const corners = cornerRadius > 0 ? ` rx="${cornerRadius}"` : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32"${corners} fill="${BRAND_COLORS.accent}"/><path d="M9 10h14a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2h-7l-5 4v-4H9a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2z" fill="${BRAND_COLORS.paper}"/></svg>`;
}

/** /favicon.svg, the icon pages link: a rounded square, as tab and bookmark icons are drawn. */
export const FAVICON_SVG = iconSvg(7);

/**
 * The home-screen icon's drawing: full-bleed and so opaque. iOS rounds the corners itself and
 * would show transparent ones as black.
 */
export const TOUCH_ICON_SVG = iconSvg(0);

/** The size iOS asks for (60 pt at 3×); it scales it for every other device. */
export const TOUCH_ICON_SIZE = 180;

/** The sizes in /favicon.ico: a tab at 1× and 2×, and Windows' desktop shortcut. */
export const FAVICON_ICO_SIZES = [16, 32, 48] as const;

/** `svg` as a `size`×`size` PNG. */
function renderPng(svg: string, size: number): Buffer {
  return new Resvg(svg, {
    fitTo: { mode: "width", value: size },
    // The icon has no text: scanning the system's fonts would only cost time.
    font: { loadSystemFonts: false },
  })
    .render()
    .asPng();
}

/** /apple-touch-icon.png: what iOS puts on the home screen, and link-preview bots show. */
export function touchIconPng(): Buffer {
  return renderPng(TOUCH_ICON_SVG, TOUCH_ICON_SIZE);
}

/** /favicon.ico, for clients that ask for it by name rather than read the page's links. */
export function faviconIco(): Buffer {
  return icoFromPngs(FAVICON_ICO_SIZES.map((size) => renderPng(FAVICON_SVG, size)));
}
