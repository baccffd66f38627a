import { afterAll, beforeAll, inject } from "vitest";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { CHROMIUM_ARGS } from "./system-programs";

/** A phone in portrait, as most readers hold it. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: "ja-JP",
};

/** One Chromium for the test file; each test opens its own context (fresh storage). */
export function useBrowser() {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: inject("chromiumPath"), args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    baseUrl: inject("baseUrl"),
    async newPage(options: BrowserContextOptions = PHONE): Promise<Page> {
      if (!browser) throw new Error("browser not started");
      const context = await browser.newContext(options);
      return context.newPage();
    },
  };
}

/** Whether an element's box lies within the viewport (at least partly, top edge visible). */
export async function isInViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.top < window.innerHeight && box.bottom > 0;
  });
}

/**
 * Serves the site's HTML pages to `page` rewritten by `transform` (other files unchanged).
 * A request still in flight when the test closes the page is dropped quietly: its response no
 * longer matters, and an error from it would only surface as an unhandled rejection later.
 */
export async function rewriteHtml(page: Page, baseUrl: string, transform: (html: string) => string) {
  await page.route(`${baseUrl}/**`, async (route) => {
    try {
      // Once more on a reset connection: a keep-alive socket the server closed just as Playwright
      // reused it (Node's http keepAliveTimeout race), seen on a loaded machine.
      const response = await route.fetch().catch((error: unknown) => {
        if (/ECONNRESET/.test(String(error))) return route.fetch();
        throw error;
      });
      if (!(response.headers()["content-type"] ?? "").includes("text/html")) {
        await route.fulfill({ response });
        return;
      }
      await route.fulfill({ response, body: transform(await response.text()) });
    } catch (error) {
      if (page.isClosed() || /disposed|closed/i.test(String(error))) return;
      throw error;
    }
  });
}

/**
 * Waits until the page's module has run. It runs once the document is parsed, so a test that reads
 * what a script writes, or acts before Playwright's own waiting would, waits for it first. All
 * elements are defined by the one module.
 */
export async function enhanced(page: Page): Promise<void> {
  await page.waitForFunction(() => customElements.get("theme-switch") !== undefined);
}
