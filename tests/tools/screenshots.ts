/**
 * Screenshots of every built page at phone, tablet and desktop widths, light and dark, for a
 * person to look at before calling a visual change done: Chromium, the whole page; WebKit (what
 * iPhones show), the first screen a reader sees. Run `npm run screenshots`; the images go to
 * tests/.output/screenshots/ (ignored by git), named <page>-<width>-<theme>[-webkit].png.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { chromium } from "playwright-core";
import { launchEngine } from "../support/engines.ts";
import { CHROMIUM_ARGS, ensureChromium, ensurePrograms, startXvfb } from "../support/system-programs.ts";
import { sitePages } from "../support/site.ts";
import { serveStatic } from "../support/static-server.ts";

const root = resolve(import.meta.dirname, "../..");
const outDir = resolve(root, "tests/.output/screenshots");
const WIDTHS = [320, 390, 768, 1280];
const THEMES = ["light", "dark"] as const;
/**
 * The built site: dist/, or SCREENSHOTS_DIST (e.g. tests/.output/dist, the test build, which has
 * the fixture article and author).
 */
const distDir = resolve(root, process.env["SCREENSHOTS_DIST"] ?? "dist");
/** Every built page, or the comma-separated paths given as the first argument. */
/** Page-side: true unless a search page with a query is still searching. */
function searchSettled(): boolean {
  const status = document.querySelector("[data-search-status]");
  return !status || !new URLSearchParams(location.search).get("q") || Boolean(status.textContent?.trim());
}

const PAGES = process.argv[2]?.split(",") ?? sitePages(distDir).all;

mkdirSync(outDir, { recursive: true });
const server = await serveStatic(distDir);
const fileName = (path: string, width: number, theme: string, engine = "") =>
  `${path.replace(/\W+/g, "_").replace(/^_|_$/g, "") || "index"}-${width}-${theme}${engine}.png`;
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
        await page.waitForFunction(searchSettled);
        await page.screenshot({ path: resolve(outDir, fileName(path, width, theme)), fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) console.warn(`horizontal overflow of ${overflow}px on ${path} at ${width}px`);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}

// WebKit: its theme is the reader's choice on the switch (WebKitGTK cannot be told the device is dark).
const programs = ensurePrograms(["webkitDriver", "miniBrowser", "xvfb", "japaneseFonts"]);
const frameable = await serveStatic(distDir, { frameable: true });
const xvfb = await startXvfb(programs.xvfb);
const webkit = await launchEngine("webkit", {
  baseUrl: server.url,
  frameableUrl: frameable.url,
  chromiumPath: "",
  firefoxPath: "",
  webkitDriverPath: programs.webkitDriver,
  miniBrowserPath: programs.miniBrowser,
  display: xvfb.display,
});
try {
  for (const width of WIDTHS) {
    const page = await webkit.newPage({ width, height: 900 });
    for (const theme of THEMES) {
      for (const path of PAGES) {
        await page.goto(path);
        // As a reader sets it: the theme switch stores the choice, which the reload applies.
        await page.evaluate(async (value: string) => {
          await customElements.whenDefined("theme-switch");
          document.querySelector<HTMLInputElement>(`theme-switch input[value="${value}"]`)?.click();
          return true;
        }, theme);
        await page.reload();
        await page.evaluate(() => customElements.whenDefined("theme-switch").then(() => true));
        for (let tries = 0; tries < 50 && !(await page.evaluate(searchSettled)); tries += 1)
          await new Promise((resolve) => setTimeout(resolve, 100));
        writeFileSync(resolve(outDir, fileName(path, width, theme, "-webkit")), await page.screenshot());
      }
    }
    await page.close();
  }
  console.log(`screenshots written to ${outDir}`);
} finally {
  await webkit.close();
  xvfb.stop();
  await Promise.all([server.close(), frameable.close()]);
}
