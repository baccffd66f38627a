import { afterAll, beforeAll, inject } from "vitest";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { CHROMIUM_ARGS } from "./chromium";

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
