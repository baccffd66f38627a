import { srcDir } from "astro:config/server";
import { readFileSync } from "node:fs";

/**
 * The brand colours of the light theme, read from the `@theme` block of global.css, which is their
 * one source: the share cards and the favicon are drawn with the same colours as the pages.
 */
function lightThemeColors(css: string): Record<string, string> {
  const block = /@theme\s*\{([^}]*)\}/.exec(css)?.[1] ?? "";
  return Object.fromEntries(
    [...block.matchAll(/--color-([a-z-]+):\s*(#[0-9a-f]{3,8})\s*;/gi)].map(([, name, value]) => [
      name,
      value,
    ]),
  );
}

// Read as a file rather than imported with ?raw: Vitest replaces CSS imports with nothing, and this
// module only ever runs at build time (share cards, favicon).
const colors = lightThemeColors(readFileSync(new URL("styles/global.css", srcDir), "utf8"));

function color(name: string): string {
  const value = colors[name];
  if (!value) throw new Error(`global.css の @theme に --color-${name} がありません。`);
  return value;
}

export const BRAND_COLORS = {
  paper: color("paper"),
  ink: color("ink"),
  muted: color("muted"),
  accent: color("accent"),
  accentSoft: color("accent-soft"),
} as const;
