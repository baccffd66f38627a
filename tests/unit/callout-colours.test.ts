import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CALLOUT_KINDS, type CalloutKind } from "../../src/article/content-components";

/**
 * The callout boxes' colours, read from global.css as the pages get them. axe checks the label
 * text on the built pages, but not the edge and icon (non-text contrast, 3:1), and only against
 * the colours the test pages happen to render; this checks every kind's tokens in every theme.
 */
const css = readFileSync("src/styles/global.css", "utf8");

function colours(block: string): Record<string, string> {
  return Object.fromEntries(
    [...block.matchAll(/--color-([a-z-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map(([, name = "", value = ""]) => [
      name,
      value,
    ]),
  );
}

const light = colours(/@theme\s*\{([^}]*)\}/.exec(css)?.[1] ?? "");
const darkChosen = colours(/:root\[data-theme="dark"\]\s*\{([^}]*)\}/.exec(css)?.[1] ?? "");
const darkDevice = colours(/:root:not\(\[data-theme="light"\]\)\s*\{([^}]*)\}/.exec(css)?.[1] ?? "");
// Each dark block sets every colour itself: nothing falls back to the light values here.
const THEMES = { light, "dark (chosen)": darkChosen, "dark (device)": darkDevice };

/** WCAG 2 contrast ratio of two `#rrggbb` colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r = 0, g = 0, b = 0] = [1, 3, 5].map((at) => {
      const c = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((high ?? 0) + 0.05) / ((low ?? 0) + 0.05);
}

/** The token pair each kind is drawn with (the classes in Callout.astro). */
const TOKENS: Record<CalloutKind, { edge: string; soft: string }> = {
  point: { edge: "accent", soft: "accent-soft" },
  warning: { edge: "warning", soft: "warning-soft" },
  note: { edge: "note", soft: "note-soft" },
};

describe.each(Object.entries(THEMES))("callout colours, %s theme", (_, theme) => {
  it.each(CALLOUT_KINDS)("%s: label ≥ 4.5:1 on the box, edge ≥ 3:1 on the page, body text ≥ 7:1", (kind) => {
    const edge = theme[TOKENS[kind].edge] ?? "";
    const soft = theme[TOKENS[kind].soft] ?? "";
    const { paper = "", ink = "" } = theme;
    expect([paper, ink]).toEqual([expect.stringMatching(/^#/), expect.stringMatching(/^#/)]);
    expect(edge, `--color-${TOKENS[kind].edge}`).toMatch(/^#/);
    expect(soft, `--color-${TOKENS[kind].soft}`).toMatch(/^#/);
    // The label and the icon are drawn in the edge colour, on the box's soft background.
    expect(contrast(edge, soft)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(edge, paper)).toBeGreaterThanOrEqual(3);
    // The box holds body text, which is 7:1 or better everywhere on the site.
    expect(contrast(ink, soft)).toBeGreaterThanOrEqual(7);
  });
});
