import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PHONE, enhanced, rewriteHtml, useBrowser } from "../support/browser";
import { openWithSharingStubs, readCopyFallback } from "../support/sharing";
import { FIXTURE_ARTICLE, MANUSCRIPT_ARTICLE as ARTICLE, sitePages } from "../support/site";

const { baseUrl, newPage } = useBrowser();
const site = sitePages(inject("distDir"));
const PAGES = site.all;
/**
 * Without JavaScript a page differs from its enhanced self only in what the scripts add or reveal,
 * which is the same on every page of a kind: one of each kind (and the fixture article, which has
 * the callout boxes) is checked so, every page with JavaScript. Half the suite's axe runs.
 */
const NO_JS_PAGES = [...new Set([...site.oneOfEachKind, FIXTURE_ARTICLE, "/tags/", ...site.search])];
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

describe("axe-core, WCAG 2.2 A/AA: every page, light and dark, JavaScript on (and off, one of each kind)", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    for (const javaScriptEnabled of [true, false]) {
      describe(`${colorScheme}, JS ${javaScriptEnabled ? "on" : "off"}`, () => {
        let page: Page | undefined;
        beforeAll(async () => {
          page = await newPage({ ...PHONE, colorScheme, reducedMotion: "reduce" });
          if (!javaScriptEnabled) {
            // axe itself needs JavaScript, so "JS off" serves the pages with every script removed:
            // the page then renders exactly as it does for a reader without JavaScript.
            await rewriteHtml(page, baseUrl, (html) =>
              html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, ""),
            );
          }
        });
        afterAll(async () => {
          await page?.context().close();
        });

        it.each(javaScriptEnabled ? PAGES : NO_JS_PAGES)(
          "%s has no violations",
          async (path) => {
            if (!page) throw new Error("no page");
            await page.goto(`${baseUrl}${path}`);
            if (javaScriptEnabled) await enhanced(page);
            const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
            const found = violations.map(
              (violation) =>
                `${path}: ${violation.id} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
            );
            expect(found).toEqual([]);
          },
          60_000,
        );
      });
    }
  }
});

describe("axe-core on open panels", () => {
  it("also with the TOC panel open on a phone", async () => {
    const page = await newPage(PHONE);
    await page.goto(`${baseUrl}${ARTICLE}reasons/`);
    await enhanced(page);
    await page.locator("toc-bar [aria-controls]").click();
    expect(await page.locator("#toc").getAttribute("data-open")).not.toBeNull();
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
    expect(
      violations.map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
      ),
    ).toEqual([]);
    await page.context().close();
  });

  it("also with the copy fallback open (clipboard refused), light and dark, at 320 px", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const page = await newPage({ ...PHONE, viewport: { width: 320, height: 640 }, colorScheme });
      await openWithSharingStubs(page, `${baseUrl}${ARTICLE}summary/`, {
        share: "missing",
        clipboard: "rejects",
        execCommand: "fails",
      });
      await page.locator("share-bar").getByRole("button", { name: "リンクをコピー" }).tap();
      await expect.poll(() => page.evaluate(readCopyFallback)).toMatchObject({ open: true, focused: true });
      const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
      expect(
        violations.map(
          (violation) =>
            `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
        ),
        colorScheme,
      ).toEqual([]);
      await page.context().close();
    }
  });
});

describe("contrast beyond AA", () => {
  it("gives body text a contrast of 7:1 or better in both themes", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      const page = await newPage({ ...PHONE, colorScheme });
      await page.goto(`${baseUrl}${ARTICLE}responses/`);
      const ratio = await page.evaluate(() => {
        // Any CSS colour syntax (rgb, oklch, color()) → sRGB bytes, through a canvas.
        const context = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
        const channels = (color: string) => {
          if (!context) return [0, 0, 0];
          context.clearRect(0, 0, 1, 1);
          context.fillStyle = color;
          context.fillRect(0, 0, 1, 1);
          return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
        };
        const luminance = (color: string) => {
          const [r = 0, g = 0, b = 0] = channels(color).map((value) => {
            const c = value / 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const paragraph = document.querySelector(".prose-ja p");
        if (!paragraph) return 0;
        const text = luminance(getComputedStyle(paragraph).color);
        const background = luminance(getComputedStyle(document.body).backgroundColor);
        return (Math.max(text, background) + 0.05) / (Math.min(text, background) + 0.05);
      });
      expect(ratio, colorScheme).toBeGreaterThanOrEqual(7);
      await page.context().close();
    }
  });
});

describe("keyboard and structure", () => {
  it("reaches every control on a page with Tab alone, starting with the skip link", async () => {
    const page = await newPage({ viewport: { width: 1280, height: 900 }, reducedMotion: "reduce" });
    for (const path of ["/", `${ARTICLE}summary/`, ARTICLE, FIXTURE_ARTICLE]) {
      await page.goto(`${baseUrl}${path}`);
      await enhanced(page);
      const focusable = await page.$$eval(
        "a[href], button, input:not([type=radio]), input[type=radio]:checked",
        (elements) =>
          elements
            .filter(
              (element) => (element as HTMLElement).offsetParent !== null || element.closest("theme-switch"),
            )
            .map((element, index) => {
              (element as HTMLElement).dataset["kbd"] = String(index);
              return String(index);
            }),
      );
      const reached = new Set<string>();
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent), path).toBe("本文へスキップ");
      for (let step = 0; step < focusable.length + 5; step += 1) {
        const id = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset["kbd"]);
        if (id !== undefined) reached.add(id);
        await page.keyboard.press("Tab");
      }
      const missed = focusable.filter((id) => !reached.has(id));
      const described = await page.$$eval(
        missed.map((id) => `[data-kbd="${id}"]`).join(",") || "nothing-missed",
        (elements) => elements.map((element) => element.outerHTML.slice(0, 120)),
      );
      expect(described, path).toEqual([]);
    }
    await page.context().close();
  }, 60_000);

  it("moves focus to the main content from the skip link", async () => {
    const page = await newPage(PHONE);
    await page.goto(`${baseUrl}${ARTICLE}responses/`);
    await enhanced(page);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    await page.context().close();
  });

  it("has landmarks, labelled navigation and one h1 on every page", async () => {
    const page = await newPage(PHONE);
    for (const path of PAGES) {
      await page.goto(`${baseUrl}${path}`);
      await enhanced(page);
      expect(await page.locator("header").count(), path).toBeGreaterThanOrEqual(1);
      expect(await page.locator("main").count(), path).toBe(1);
      expect(await page.locator("footer").count(), path).toBeGreaterThanOrEqual(1);
      expect(await page.locator("h1").count(), path).toBe(1);
      const unlabelled = await page.$$eval(
        "nav",
        (navs) =>
          navs.filter((nav) => !nav.getAttribute("aria-label") && !nav.getAttribute("aria-labelledby"))
            .length,
      );
      expect(unlabelled, path).toBe(0);
    }
    await page.context().close();
  });

  it("needs no horizontal scrolling at 200% zoom (1280 px wide) or at 320 px", async () => {
    for (const width of [640, 320]) {
      const page = await newPage({ ...PHONE, viewport: { width, height: 800 } });
      for (const path of PAGES) {
        await page.goto(`${baseUrl}${path}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
      }
      await page.context().close();
    }
  });
});
