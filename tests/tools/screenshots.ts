/**
 * Screenshots of every built page at phone, tablet and desktop widths, light and dark, for a
 * person to look at before calling a visual change done. Run `npm run screenshots`; the images go
 * to tests/.output/screenshots/ (ignored by git).
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, ensureChromium } from "../support/system-programs.ts";
import { sitePages } from "../support/site.ts";
import { serveStatic } from "../support/static-server.ts";

const root = resolve(import.meta.dirname, "../..");
const outDir = resolve(root, "tests/.output/screenshots");
const WIDTHS = [320, 390, 768, 1280];
const THEMES = ["light", "dark"] as const;
/** Every built page, or the comma-separated paths given as the first argument. */
const PAGES = process.argv[2]?.split(",") ?? sitePages(resolve(root, "dist")).all;

mkdirSync(outDir, { recursive: true });
const server = await serveStatic(resolve(root, "dist"));
const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
try {
  for (const theme of THEMES) {
    for (const width of WIDTHS) {
      const context = await browser.newContext({
        viewport: { width, height: 900 },
        colorScheme: theme,
        deviceScaleFactor: 1,
      });
      const page = await context.newPage();
      for (const path of PAGES) {
        await page.goto(server.url + path);
        // The page as a reader sees it once its module (run once the page is parsed) has run.
        await page.waitForFunction(() => customElements.get("theme-switch") !== undefined);
        const name = `${path.replace(/\W+/g, "_").replace(/^_|_$/g, "") || "index"}-${width}-${theme}.png`;
        await page.screenshot({ path: resolve(outDir, name), fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) console.warn(`horizontal overflow of ${overflow}px on ${path} at ${width}px`);
      }
      await context.close();
    }
  }
  console.log(`screenshots written to ${outDir}`);
} finally {
  await browser.close();
  await server.close();
}
