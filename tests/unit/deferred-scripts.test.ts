import { describe, expect, it } from "vitest";
import { afterFirstPaintLoader, loadModulesAfterFirstPaint } from "../../src/build/deferred-scripts";

const BOOT = 'try{document.documentElement.dataset.theme="dark"}catch{}';
const page = (head: string) =>
  `<!doctype html><html><head><script>${BOOT}</script>${head}</head><body><p>本文</p></body></html>`;

describe("module scripts load after the first paint", () => {
  it("removes the module script tags and imports them, in order, from the boot script", () => {
    const html = page(
      '<script type="module" src="/_astro/site.abc.js"></script><script type="module" src="/_astro/b.js"></script>',
    );
    const result = loadModulesAfterFirstPaint(html, BOOT);
    expect(result).not.toContain('type="module"');
    expect(result).toContain(
      `<script>${BOOT};${afterFirstPaintLoader(["/_astro/site.abc.js", "/_astro/b.js"])}</script>`,
    );
    expect(result.indexOf('import("/_astro/site.abc.js")')).toBeLessThan(
      result.indexOf('import("/_astro/b.js")'),
    );
  });

  it("leaves a page without module scripts as it is", () => {
    expect(loadModulesAfterFirstPaint(page(""), BOOT)).toBe(page(""));
  });

  it("refuses to drop module scripts when there is no boot script to carry the loader", () => {
    expect(() =>
      loadModulesAfterFirstPaint('<head><script type="module" src="/_astro/a.js"></script></head>', BOOT),
    ).toThrow(/no theme boot script/);
  });

  it("waits for DOMContentLoaded and the first-contentful-paint entry, with fallbacks", () => {
    const loader = afterFirstPaintLoader(["/x.js"]);
    expect(loader).toMatch(/^addEventListener\("DOMContentLoaded"/);
    expect(loader).toContain('getEntriesByName("first-contentful-paint")');
    expect(loader).toContain("buffered:!0");
    expect(loader).toContain("requestAnimationFrame(()=>setTimeout(l))");
    expect(loader).toContain("setTimeout(l,3e3)");
    expect(() => new Function(loader)).not.toThrow();
  });
});
