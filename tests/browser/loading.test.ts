import { describe, expect, inject, it } from "vitest";
import { PHONE, enhanced, useBrowser } from "../support/browser";
import { sitePages } from "../support/site";

const { baseUrl, newPage } = useBrowser();
const PAGES = sitePages(inject("distDir")).oneOfEachKind;

/** The page's one module (src/scripts/site.ts), by its built name. */
const MODULE = /\/_astro\/site\.[\w-]+\.js$/;

describe("loading on a phone", () => {
  it("shows the page while its one module is still on its way, then enhances it", async () => {
    const page = await newPage(PHONE);
    for (const path of PAGES) {
      // A slow connection, at its worst: the module arrives only when the test says so.
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(MODULE, async (route) => {
        await held;
        await route.continue();
      });
      // Not "domcontentloaded": that event waits for module scripts to run.
      await page.goto(`${baseUrl}${path}`, { waitUntil: "commit" });
      // The text is painted and readable; nothing of the module has run.
      await expect
        .poll(() => page.evaluate(() => performance.getEntriesByName("first-contentful-paint").length), {
          timeout: 5000,
        })
        .toBe(1);
      expect(await page.locator("h1").isVisible(), path).toBe(true);
      expect(await page.evaluate(() => customElements.get("theme-switch")), path).toBeUndefined();
      release();
      await enhanced(page);
      await expect.poll(() => page.locator("theme-switch").isVisible(), { timeout: 5000 }).toBe(true);
      const scripts = await page.evaluate(() =>
        performance
          .getEntriesByType("resource")
          .filter((entry) => /\.js$/.test(entry.name))
          .map((entry) => new URL(entry.name).pathname),
      );
      expect(scripts, `${path}: one module, nothing else`).toEqual([expect.stringMatching(MODULE)]);
      await page.unroute(MODULE);
    }
    await page.context().close();
  });
});
