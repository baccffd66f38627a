import { describe, expect, inject, it } from "vitest";
import { PHONE, useBrowser } from "../support/browser";
import { MANUSCRIPT_ARTICLE as ARTICLE, sitePages } from "../support/site";

const { baseUrl, newPage } = useBrowser();
const PAGES = sitePages(inject("distDir")).oneOfEachKind;

describe("loading order on a phone", () => {
  it("requests the page's one module only after its first contentful paint, then enhances the page", async () => {
    const page = await newPage(PHONE);
    for (const path of PAGES) {
      await page.goto(`${baseUrl}${path}`);
      // The theme switch is hidden until its element is defined by the module.
      await page.waitForFunction(() => customElements.get("theme-switch") !== undefined);
      const timing = await page.evaluate(() => {
        const paint = performance.getEntriesByName("first-contentful-paint")[0]?.startTime;
        const modules = performance
          .getEntriesByType("resource")
          .filter((entry) => /\/_astro\/.+\.js$/.test(entry.name))
          .map((entry) => ({ name: new URL(entry.name).pathname, start: entry.startTime }));
        return { paint, modules };
      });
      expect(timing.paint, path).toBeGreaterThan(0);
      expect(
        timing.modules.map((module) => module.name),
        path,
      ).toEqual([expect.stringMatching(/^\/_astro\/site\.[\w-]+\.js$/)]);
      expect(timing.modules[0]?.start ?? 0, path).toBeGreaterThanOrEqual(timing.paint ?? Infinity);
      await expect.poll(() => page.locator("theme-switch").isVisible(), { timeout: 5000 }).toBe(true);
    }
    await page.context().close();
  });

  it("still loads the module soon in a browser without paint timing, after the next frame", async () => {
    for (const stub of ["no paint entries", "no PerformanceObserver"] as const) {
      const page = await newPage(PHONE);
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.addInitScript((variant) => {
        const recorder = window as unknown as {
          paintObserverUsed?: boolean;
          parsedAt?: number;
          definedAt?: number;
        };
        // Timed in the page, from DOMContentLoaded, so that a slow navigation on a loaded machine
        // does not count: only the loader's own wait does.
        document.addEventListener("DOMContentLoaded", () => (recorder.parsedAt = performance.now()));
        void customElements.whenDefined("heading-share").then(() => (recorder.definedAt = performance.now()));
        if (variant === "no PerformanceObserver") {
          Reflect.deleteProperty(window, "PerformanceObserver");
          return;
        }
        // A browser whose PerformanceObserver knows no "paint" entries; using it anyway is recorded.
        window.PerformanceObserver = class {
          static supportedEntryTypes = ["resource"];
          constructor() {
            recorder.paintObserverUsed = true;
          }
          observe() {}
          disconnect() {}
        } as unknown as typeof PerformanceObserver;
      }, stub);
      await page.goto(`${baseUrl}${ARTICLE}reasons/`);
      await page.waitForFunction(() => customElements.get("heading-share") !== undefined);
      const waited = await page.evaluate(() => {
        const { parsedAt = NaN, definedAt = NaN } = window as unknown as {
          parsedAt?: number;
          definedAt?: number;
        };
        return definedAt - parsedAt;
      });
      // Well before the three-second fallback: the next-frame branch loaded it.
      expect(waited, stub).toBeLessThan(2000);
      expect(
        await page.getByRole("button", { name: /「.+」へのリンクを(?:コピー|共有)/ }).count(),
        stub,
      ).toBeGreaterThan(0);
      expect(
        await page.evaluate(() => (window as unknown as { paintObserverUsed?: boolean }).paintObserverUsed),
        stub,
      ).toBeUndefined();
      expect(errors, stub).toEqual([]);
      await page.context().close();
    }
  });

  it("still loads the module when the first paint is never reported, three seconds on", async () => {
    const page = await newPage(PHONE);
    await page.addInitScript(() => {
      // Paint timing is supported, but this page's paint entry never arrives.
      window.PerformanceObserver = class {
        static supportedEntryTypes = ["paint", "resource"];
        observe() {}
        disconnect() {}
      } as unknown as typeof PerformanceObserver;
    });
    await page.goto(`${baseUrl}${ARTICLE}reasons/`);
    const started = Date.now();
    await page.waitForFunction(() => customElements.get("heading-share") !== undefined, null, {
      timeout: 10_000,
    });
    expect(Date.now() - started).toBeGreaterThan(1500);
    await page.context().close();
  });
});
