import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BRAND_COLORS } from "../../src/site/brand";
import { FAVICON_SVG } from "../../src/site/favicon";

describe("brand colours", () => {
  it("are the light theme's colours in global.css, their one source", () => {
    // The @theme block only: the dark theme's values further down must never be taken.
    const css = /@theme\s*\{([^}]*)\}/.exec(readFileSync("src/styles/global.css", "utf8"))?.[1] ?? "";
    expect(css).toContain("--color-paper");
    for (const [name, value] of Object.entries({
      paper: BRAND_COLORS.paper,
      ink: BRAND_COLORS.ink,
      muted: BRAND_COLORS.muted,
      accent: BRAND_COLORS.accent,
      "accent-soft": BRAND_COLORS.accentSoft,
    })) {
      expect(value).toMatch(/^#[0-9a-f]{6}$/i);
      expect(css).toContain(`--color-${name}: ${value};`);
    }
  });

  it("draw the favicon", () => {
    expect(FAVICON_SVG).toContain(`fill="${BRAND_COLORS.accent}"`);
    expect(FAVICON_SVG).toContain(`fill="${BRAND_COLORS.paper}"`);
  });
});
