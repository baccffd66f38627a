import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { PHONE, enhanced, isInViewport, rewriteHtml, useBrowser } from "../support/browser";
import { MANUSCRIPT_ARTICLE as ARTICLE, sitePages } from "../support/site";

const { baseUrl, newPage } = useBrowser();
// Instant scrolling, so that the position is final when the test reads it.
const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: "ja-JP", reducedMotion: "reduce" } as const;

describe("table of contents while reading", () => {
  it("stays beside the article on wide screens and marks the section in view", async () => {
    const page = await newPage(DESKTOP);
    await page.goto(`${baseUrl}${ARTICLE}`);
    await enhanced(page);
    const toc = page.locator("#toc");
    await page.evaluate(() => document.getElementById("responses")?.scrollIntoView({ block: "start" }));
    await expect
      .poll(() => toc.locator('a[aria-current="location"]').getAttribute("href"))
      .toBe("#responses");
    expect(await isInViewport(page, "#toc"), "sticky TOC is still on screen").toBe(true);

    await page.evaluate(() => document.getElementById("new-chances")?.scrollIntoView({ block: "start" }));
    await expect
      .poll(() => toc.locator('a[aria-current="location"]').getAttribute("href"))
      .toBe("#new-chances");
    expect(await toc.locator('a[aria-current="location"]').count()).toBe(1);
    await page.context().close();
  });

  it("on a phone, a 目次 bar shows the current section and opens the TOC as a disclosure", async () => {
    const page = await newPage({ ...PHONE, reducedMotion: "reduce" });
    await page.goto(`${baseUrl}${ARTICLE}`);
    await enhanced(page);
    const bar = page.locator("toc-bar [aria-controls]");
    await page.evaluate(() => document.getElementById("events")?.scrollIntoView({ block: "start" }));
    // Updated on the next animation frame after the scroll: give a busy machine a few seconds.
    await expect
      .poll(() => page.locator("toc-bar [data-current]").textContent(), { timeout: 5000 })
      .toBe("LINE以外の連絡手段と親密さを育む方法");
    expect(await isInViewport(page, "toc-bar"), "the bar stays reachable").toBe(true);

    expect(await bar.getAttribute("aria-expanded")).toBe("false");
    await bar.click();
    expect(await bar.getAttribute("aria-expanded")).toBe("true");
    expect(await isInViewport(page, "#toc")).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.closest("#toc") !== null)).toBe(true);
    await page.keyboard.press("Escape");
    expect(await bar.getAttribute("aria-expanded")).toBe("false");
    expect(await page.evaluate(() => document.activeElement?.closest("toc-bar") !== null)).toBe(true);

    await bar.click();
    await page.locator('#toc a[href="#second-try"]').click();
    await page.waitForURL(/#second-try$/);
    expect(await bar.getAttribute("aria-expanded")).toBe("false");
    await expect.poll(() => isInViewport(page, "#second-try")).toBe(true);
    await page.context().close();
  });

  it("names the page's own section in the 目次 bar on a section page", async () => {
    const page = await newPage({ ...PHONE, reducedMotion: "reduce" });
    await page.goto(`${baseUrl}${ARTICLE}summary/`);
    await enhanced(page);
    expect(await page.locator("toc-bar [data-current]").textContent()).toBe("まとめ");
    await page.context().close();
  });

  it("is a plain list of links with JavaScript off, and the 目次 bar jumps to it", async () => {
    const page = await newPage({ ...PHONE, javaScriptEnabled: false });
    await page.goto(`${baseUrl}${ARTICLE}responses/`);
    expect(await page.locator("#toc a").count()).toBe(5 + 12);
    const bar = page.getByRole("link", { name: /^目次/ });
    expect(await bar.getAttribute("href")).toBe("#toc");
    await bar.click();
    await page.waitForURL(/#toc$/);
    await expect.poll(() => isInViewport(page, "#toc"), { timeout: 5000 }).toBe(true);
    await page.context().close();
  });

  it("does not move the page while it loads or when its scripts start (no layout shift from the header, bar or share buttons)", async () => {
    for (const viewport of [
      { width: 320, height: 640 },
      { width: 390, height: 844 },
      { width: 1280, height: 800 },
    ]) {
      const page = await newPage({ ...PHONE, viewport, reducedMotion: "reduce" });
      await page.addInitScript(() => {
        (window as unknown as { shifts: number }).shifts = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[]) {
            (window as unknown as { shifts: number }).shifts += entry.value;
          }
        }).observe({ type: "layout-shift", buffered: true });
      });
      for (const path of sitePages(inject("distDir")).oneOfEachKind) {
        await page.goto(`${baseUrl}${path}`, { waitUntil: "networkidle" });
        await enhanced(page);
        await page.waitForTimeout(300);
        const shifts = await page.evaluate(() => (window as unknown as { shifts: number }).shifts);
        expect(shifts, `${path} at ${viewport.width}px`).toBe(0);
        // The header reserves the theme switch's width before all of it has been parsed
        // (global.css): the reserve must be what its labels really take, no more and no less.
        const themeSwitch = await page.evaluate(() => {
          const element = document.querySelector("theme-switch") as HTMLElement;
          const fieldset = element.querySelector("fieldset") as HTMLElement;
          fieldset.style.width = "max-content";
          const labels = fieldset.getBoundingClientRect().width;
          fieldset.style.width = "";
          return { reserved: parseFloat(getComputedStyle(element).minInlineSize), labels };
        });
        expect(themeSwitch.labels, `${path} at ${viewport.width}px`).toBeCloseTo(themeSwitch.reserved, 1);
      }
      await page.context().close();
    }
    // Twelve loads, each waiting for the network to go idle.
  }, 90_000);

  it("shows the reading time of each section and of the whole article", async () => {
    const page = await newPage(DESKTOP);
    await page.goto(`${baseUrl}${ARTICLE}`);
    await enhanced(page);
    expect(await page.locator("#toc").textContent()).toMatch(/記事全体：約\d+分/);
    expect(await page.locator('#toc a[href="#reasons"]').textContent()).toMatch(/約\d+分/);
    await page.goto(`${baseUrl}${ARTICLE}reasons/`);
    expect(await page.locator("main").textContent()).toMatch(/この節は約\d+分で読めます/);
    await page.context().close();
  });
});

describe("motion", () => {
  it("scrolls smoothly only after a click on an in-page link, and never under reduced motion", async () => {
    const scrollBehavior = (page: Page) =>
      page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior);
    for (const [reducedMotion, afterClick] of [
      ["reduce", "auto"],
      ["no-preference", "smooth"],
    ] as const) {
      const page = await newPage({ ...PHONE, reducedMotion });
      await page.goto(`${baseUrl}${ARTICLE}`);
      await enhanced(page);
      // Not while the page loads: a shared link's heading is reached at once.
      expect(await scrollBehavior(page), reducedMotion).toBe("auto");
      await page.locator('#toc a[href="#cooling-off"]').click();
      expect(await scrollBehavior(page), reducedMotion).toBe(afterClick);
      await page.context().close();
    }
  });

  it("has a decorative reading-progress bar on the full article, hidden from screen readers", async () => {
    const page = await newPage(PHONE);
    await page.goto(`${baseUrl}${ARTICLE}`);
    await enhanced(page);
    const bar = page.locator(".reading-progress");
    expect(await bar.getAttribute("aria-hidden")).toBe("true");
    const scaleAt = async () =>
      bar.evaluate((element) => new DOMMatrix(getComputedStyle(element).transform).a);
    const top = await scaleAt();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
    await expect.poll(scaleAt).toBeGreaterThan(top + 0.3);
    await page.context().close();
  });
});

describe("theme", () => {
  it("follows the system by default", async () => {
    const page = await newPage({ ...PHONE, colorScheme: "dark" });
    await page.goto(`${baseUrl}${ARTICLE}`);
    expect(await page.evaluate(() => document.documentElement.dataset["theme"])).toBeUndefined();
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      "rgb(22, 25, 29)",
    );
    await page.context().close();
  });

  it("keeps the reader's choice across reloads and pages, applied before first paint", async () => {
    // bypassCSP: the probe script the test adds is not in the site's CSP (security.test.ts checks
    // the real pages under their CSP).
    const page = await newPage({ ...PHONE, colorScheme: "light", bypassCSP: true });
    // Records the theme at the very start of <body>, before anything of the page can be painted.
    await rewriteHtml(page, baseUrl, (html) =>
      html.replace(
        /<body([^>]*)>/,
        '<body$1><script>window.themeAtFirstPaint = document.documentElement.dataset.theme ?? "none";</script>',
      ),
    );
    await page.goto(`${baseUrl}${ARTICLE}`);
    await page.getByText("ダーク", { exact: true }).click();
    expect(await page.evaluate(() => document.documentElement.dataset["theme"])).toBe("dark");
    await page.reload();
    await enhanced(page);
    expect(
      await page.evaluate(() => (window as unknown as { themeAtFirstPaint: string }).themeAtFirstPaint),
    ).toBe("dark");
    expect(await page.locator('theme-switch input[value="dark"]').isChecked()).toBe(true);
    await page.goto(`${baseUrl}${ARTICLE}summary/`);
    await enhanced(page);
    expect(
      await page.evaluate(() => (window as unknown as { themeAtFirstPaint: string }).themeAtFirstPaint),
    ).toBe("dark");
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      "rgb(22, 25, 29)",
    );

    await page.getByText("自動", { exact: true }).click();
    await page.reload();
    await enhanced(page);
    expect(
      await page.evaluate(() => (window as unknown as { themeAtFirstPaint: string }).themeAtFirstPaint),
    ).toBe("none");
    await page.context().close();
  });

  it("is operable with the keyboard and named for screen readers", async () => {
    const page = await newPage(DESKTOP);
    await page.goto(`${baseUrl}${ARTICLE}`);
    await enhanced(page);
    const group = page.getByRole("group", { name: "配色" });
    expect(await group.getByRole("radio").count()).toBe(3);
    await group.getByRole("radio", { name: "自動" }).focus();
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => document.documentElement.dataset["theme"])).toBe("light");
    await page.context().close();
  });
});

describe("print", () => {
  it("prints the article only, black on white, with section URLs and the checklist's ticks", async () => {
    const page = await newPage({ ...DESKTOP, colorScheme: "dark" });
    await page.goto(`${baseUrl}${ARTICLE}`);
    await enhanced(page);
    await page.getByLabel("LINE以外の手段で親密さを育む工夫も有効").check();
    await page.emulateMedia({ media: "print" });
    for (const selector of [
      "header",
      "footer",
      "#toc",
      "theme-switch",
      ".heading-anchor",
      "button[type=reset]",
    ]) {
      expect(await page.locator(selector).first().isVisible(), selector).toBe(false);
    }
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      "rgb(255, 255, 255)",
    );
    expect(
      await page
        .locator("main p")
        .first()
        .evaluate((p) => getComputedStyle(p).color),
    ).toBe("rgb(0, 0, 0)");
    const printedUrl = await page
      .locator("#responses")
      .evaluate((heading) => getComputedStyle(heading, "::after").content);
    expect(printedUrl).toBe(`"${new URL(`${ARTICLE}responses/`, "http://127.0.0.1:4321/").href}"`);
    expect(await page.locator("#point-alternatives").isVisible()).toBe(true);
    expect(await page.locator("#point-alternatives").isChecked()).toBe(true);
    await page.context().close();
  });
});
