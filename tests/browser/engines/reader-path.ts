/**
 * The reader's path, run in each engine our readers use (chromium.test.ts, webkit.test.ts and
 * firefox.test.ts beside this file call it): the 目次 panel on a phone, deep links, the checklist,
 * storage faults, the theme, copying a link, a quote link. Each check drives the page as a reader
 * does (real clicks and keys) and reads it with small functions run inside the page.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchEngine, type Engine, type EnginePage, type EngineName } from "../../support/engines";
import { checklistStorageKey } from "../../../src/scripts/checklist-store";
import { THEME_STORAGE_KEY } from "../../../src/scripts/theme-store";
import { ui } from "../../../src/site/ui-strings";
import { MANUSCRIPT_ARTICLE as ARTICLE } from "../../support/site";
import { stubSharing } from "../../support/sharing";
import { breaksInsideWords, paragraphLines } from "../../support/line-breaks";
import { readSearchResults } from "../../support/search-page";
import { rightFirst, SEARCH_QUERIES, SEARCH_TARGET } from "../../support/search-queries";
import { SEARCH_PATH } from "../../../src/article/urls";
import { DEFAULT_SITE_URL } from "../../../src/site/settings";

const PHONE = { width: 390, height: 844 };
const SMALL_PHONE = { width: 320, height: 640 };
/** Wide enough for a top-level WebKit window (text fragments apply only to a top-level page). */
const TABLET = { width: 768, height: 1024 };
const CHECKLIST_KEY = checklistStorageKey(ARTICLE.slice(1, -1));
/** A sentence of the responses section, as a quote link would name it. */
const QUOTE = "その間はプライベートな話題を控えて業務中心のやり取りに徹しましょう。";

/** Resolves once the page's module has defined its elements (it runs once the page is parsed). */
const enhanced = (page: EnginePage) =>
  page.evaluate(async () => {
    await customElements.whenDefined("theme-switch");
    return true;
  });

/** Polls a page function until it returns true (within 5 s), or fails with its last value. */
async function until<A extends unknown[]>(page: EnginePage, check: (...args: A) => unknown, ...args: A) {
  const timeout = 5000;
  const deadline = Date.now() + timeout;
  let last: unknown;
  while (Date.now() < deadline) {
    last = await page.evaluate(check, ...args);
    if (last === true) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`still not true after ${timeout} ms: ${JSON.stringify(last)}`);
}

/** Resolves once the page has not scrolled for 300 ms (a smooth scroll has come to rest). */
async function scrollSettled(page: EnginePage): Promise<void> {
  let last = Number.NaN;
  for (let tries = 0; tries < 40; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = await page.evaluate(() => window.scrollY);
    if (now === last) return;
    last = now;
  }
  throw new Error("the page kept scrolling for 12 s");
}

/**
 * True when heading `id` is the 目次's current entry and sits below the sticky bar in the top half
 * of the screen; otherwise what the page shows instead.
 */
function jumpedTo(id: string) {
  const current = document.querySelector('#toc [aria-current="location"]')?.getAttribute("href");
  const heading = document.getElementById(id)?.getBoundingClientRect();
  const bar = document.querySelector("toc-bar")?.getBoundingClientRect();
  const barBottom = bar && bar.height > 0 ? Math.round(bar.bottom) : 0;
  const top = heading ? Math.round(heading.top) : Number.NaN;
  return current === `#${id}` && top >= barBottom && top < window.innerHeight / 2
    ? true
    : { path: location.pathname, current, top, barBottom };
}

/**
 * Where heading `id` sits: its top, the bottom of the sticky 目次 bar, the viewport's height and
 * the scroll position, all read in one frame.
 */
function headingPlace(id: string) {
  const heading = document.getElementById(id)?.getBoundingClientRect();
  const bar = document.querySelector("toc-bar")?.getBoundingClientRect();
  return {
    top: heading ? Math.round(heading.top) : null,
    barBottom: bar && bar.height > 0 ? Math.round(bar.bottom) : 0,
    height: window.innerHeight,
    scrollY: Math.round(window.scrollY),
  };
}

/**
 * Defines the reader's path for engine `name`. Each test may take a minute: WebKit starts a new
 * MiniBrowser for each page, and the machine running the tests may be busy.
 */
export function readerPath(name: EngineName) {
  let engine: Engine;
  const opened: EnginePage[] = [];
  beforeAll(async () => {
    engine = await launchEngine(name, inject("engineTargets"));
  }, 120_000);
  afterAll(async () => {
    await Promise.allSettled(opened.map((page) => page.close()));
    await engine?.close();
  });
  const newPage = async (viewport = PHONE) => {
    const page = await engine.newPage(viewport);
    opened.push(page);
    return page;
  };

  describe(`${name}: the 目次 on a phone`, { timeout: 60_000 }, () => {
    it("opens as a panel below the bar, never over it, and closes with the toggle and with Escape", async () => {
      const page = await newPage();
      for (const path of [ARTICLE, `${ARTICLE}responses/`]) {
        await page.goto(path);
        await enhanced(page);
        await page.click("toc-bar a[aria-controls]");
        const open = await page.evaluate(() => {
          const toggle = document.querySelector("toc-bar a[aria-controls]");
          const box = toggle?.getBoundingClientRect();
          // What a tap on the arrow at the toggle's right end would reach.
          const hit = box ? document.elementFromPoint(box.right - 8, box.top + box.height / 2) : null;
          return {
            expanded: toggle?.getAttribute("aria-expanded"),
            toggleOnTop: hit !== null && toggle?.contains(hit) === true,
            panelTop: Math.round(document.getElementById("toc")?.getBoundingClientRect().top ?? -1),
            barBottom: Math.round(document.querySelector("toc-bar")?.getBoundingClientRect().bottom ?? -1),
          };
        });
        expect(open, path).toEqual({
          expanded: "true",
          toggleOnTop: true,
          panelTop: open.barBottom,
          barBottom: open.barBottom,
        });
        await page.click("toc-bar a[aria-controls]");
        expect(await page.evaluate(() => document.getElementById("toc")?.hasAttribute("data-open"))).toBe(
          false,
        );

        await page.click("toc-bar a[aria-controls]");
        await page.press("Escape");
        expect(
          await page.evaluate(() => ({
            open: document.getElementById("toc")?.hasAttribute("data-open"),
            focusOnToggle: document.activeElement === document.querySelector("toc-bar a[aria-controls]"),
          })),
        ).toEqual({ open: false, focusOnToggle: true });
      }
    });

    it("marks the heading the reader jumped to as the current entry once the scroll settles", async () => {
      const page = await newPage();
      for (const [path, id] of [
        [`${ARTICLE}responses/`, "cooling-off"],
        [ARTICLE, "offline"],
      ] as const) {
        await page.goto(path);
        await enhanced(page);
        await page.click("toc-bar a[aria-controls]");
        await page.click(`#toc a[href="#${id}"]`);
        await scrollSettled(page);
        // Polled rather than read once: on a loaded machine a frame can stall for longer than the
        // settle check waits, and a wrong entry would stay wrong for the whole poll.
        await until(page, jumpedTo, id);
        // And still so a moment later: nothing moves the entry away once the scroll is over.
        await new Promise((resolve) => setTimeout(resolve, 400));
        expect(await page.evaluate(jumpedTo, id), path).toBe(true);
      }
    });
  });

  describe(`${name}: a shared link to a heading`, { timeout: 60_000 }, () => {
    it("lands on the heading at once, below the sticky bar, with no animated scroll", async () => {
      const page = await newPage();
      for (const [path, id] of [
        [`${ARTICLE}responses/#cooling-off`, "cooling-off"],
        [`${ARTICLE}#new-chances`, "new-chances"],
      ] as const) {
        await page.goto(path);
        const atLoad = await page.evaluate(headingPlace, id);
        expect(atLoad.top, path).toBeGreaterThanOrEqual(atLoad.barBottom);
        expect(atLoad.top, path).toBeLessThan(atLoad.height / 2);
        await new Promise((resolve) => setTimeout(resolve, 400));
        expect((await page.evaluate(headingPlace, id)).scrollY, `${path} kept still`).toBe(atLoad.scrollY);
      }
    });

    it("opens a quote link scrolled to the quoted sentence", async () => {
      const page = await newPage(TABLET);
      await page.goto(`${ARTICLE}responses/#:~:text=${encodeURIComponent(QUOTE)}`);
      await until(
        page,
        (sentence: string) => {
          const paragraph = [...document.querySelectorAll(".prose-ja p")].find((p) =>
            p.textContent?.includes(sentence),
          );
          const box = paragraph?.getBoundingClientRect();
          return box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight;
        },
        QUOTE,
      );
    });
  });

  describe(`${name}: the page's script`, { timeout: 60_000 }, () => {
    it("has its module by the load event or within a second of it, on a plain page and on a quote link", async () => {
      const page = await newPage(TABLET);
      for (const path of [
        `${ARTICLE}summary/`,
        `${ARTICLE}responses/#:~:text=${encodeURIComponent(QUOTE)}`,
      ]) {
        await page.goto(path);
        await enhanced(page);
        // When the module had arrived, against the load event, both on the page's own clock.
        const timing = await page.evaluate(() => {
          const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
          const module = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).find(
            (entry) => /\/_astro\/site\.[\w-]+\.js$/.test(entry.name),
          );
          return {
            load: Math.round(navigation.loadEventStart),
            module: Math.round(module?.responseEnd ?? -1),
          };
        });
        expect(timing.module, `${path}: module fetched`).toBeGreaterThan(0);
        expect(timing.module - timing.load, path).toBeLessThanOrEqual(1000);
      }
    });
  });

  describe(`${name}: the checklist`, { timeout: 60_000 }, () => {
    it("keeps ticks across a reload and between the full article and its summary page", async () => {
      const page = await newPage();
      await page.goto(ARTICLE);
      await enhanced(page);
      await page.click("#point-reasons");
      await page.reload();
      await enhanced(page);
      expect(
        await page.evaluate(() => (document.getElementById("point-reasons") as HTMLInputElement).checked),
      ).toBe(true);
      await page.goto(`${ARTICLE}summary/`);
      await enhanced(page);
      await until(
        page,
        () =>
          document.querySelector("summary-checklist [data-progress]")?.textContent ===
          "1 / 4 項目をチェック済み",
      );
      expect(
        await page.evaluate(() => (document.getElementById("point-reasons") as HTMLInputElement).checked),
      ).toBe(true);
    });

    it("still ticks with storage full, and says the ticks are not saved", async () => {
      const page = await newPage();
      await page.goto(`${ARTICLE}summary/`);
      // Real storage, really full: setItem now throws QuotaExceededError, as in a full or private store.
      const filled = await page.evaluate(() => {
        // Halving the filler until not even one more character fits.
        let items = 0;
        for (let size = 256 * 1024; size >= 1;) {
          try {
            localStorage.setItem(`filler-${items}`, "x".repeat(size));
            items += 1;
          } catch {
            size = Math.floor(size / 2);
          }
        }
        return items;
      });
      expect(filled, "storage never filled up").toBeGreaterThan(0);
      await page.reload();
      await enhanced(page);
      await page.click("#point-mindset");
      const state = await page.evaluate(
        (key: string) => ({
          checked: (document.getElementById("point-mindset") as HTMLInputElement).checked,
          progress: document.querySelector("summary-checklist [data-progress]")?.textContent,
          notSavedShown: !(document.querySelector("summary-checklist [data-not-saved]") as HTMLElement)
            .hidden,
          saved: localStorage.getItem(key),
        }),
        CHECKLIST_KEY,
      );
      await page.evaluate(() => localStorage.clear());
      expect(state).toEqual({
        checked: true,
        progress: "1 / 4 項目をチェック済み",
        notSavedShown: true,
        saved: null,
      });
    });
  });

  describe(`${name}: site search reads Japanese`, { timeout: 300_000 }, () => {
    it(`puts a right page first for at least ${SEARCH_TARGET * 100} % of ${SEARCH_QUERIES.length} queries readers type`, async () => {
      const page = await newPage();
      const misses: string[] = [];
      for (const query of SEARCH_QUERIES) {
        await page.goto(`${SEARCH_PATH}?q=${encodeURIComponent(query.query)}`);
        await until(page, () => Boolean(document.querySelector("[data-search-status]")?.textContent?.trim()));
        const [first] = await page.evaluate(readSearchResults);
        if (!rightFirst(query, first?.href))
          misses.push(`${query.query} (${query.kind}) → ${first?.href ?? "nothing"}`);
      }
      expect(misses.length, misses.join("\n")).toBeLessThanOrEqual(
        Math.floor(SEARCH_QUERIES.length * (1 - SEARCH_TARGET)),
      );
    });
  });

  describe(`${name}: the full article's later sections`, { timeout: 60_000 }, () => {
    it("are skipped while the reader is at the top, and sit where they would without the block once reached", async () => {
      for (const viewport of [SMALL_PHONE, TABLET]) {
        const page = await newPage(viewport);
        await page.goto(ARTICLE);
        await enhanced(page);
        const result = await page.evaluate(async () => {
          const block = document.querySelector<HTMLElement>(".later-sections");
          const heading = block?.querySelector("h2");
          if (!block || !heading) return "no deferred block";
          // Whether an element is skipped is decided as a frame is drawn.
          const frames = () =>
            new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
          // Every block of text on the page: its place in the page, to the hundredth of a pixel,
          // read at the same scroll position each time (the 目次 bar sticks).
          const places = async () => {
            heading.scrollIntoView();
            await frames();
            return [...document.querySelectorAll("main h2, main h3, main p, main li, main label")]
              .map((element) => {
                const box = element.getBoundingClientRect();
                return [box.top + window.scrollY, box.left, box.width].map((n) => n.toFixed(2)).join(" ");
              })
              .join("\n");
          };
          // The first section follows the 目次 by its heading's margin alone, as it always has.
          const toc = document.getElementById("toc")?.getBoundingClientRect();
          const firstHeading = document.querySelector("main section[data-section] .heading");
          const gapAfterToc =
            toc && firstHeading ? Math.round(firstHeading.getBoundingClientRect().top - toc.bottom) : null;
          window.scrollTo(0, 0);
          await frames();
          const skippedAtTop = !heading.checkVisibility({ contentVisibilityAuto: true });
          const deferred = await places();
          const shownWhenReached = heading.checkVisibility({ contentVisibilityAuto: true });
          // The same sections straight in the article, with no block around them.
          const sections = [...block.children] as HTMLElement[];
          for (const section of sections) section.style.display = "flow-root";
          block.replaceWith(...sections);
          const plain = await places();
          return {
            gapAfterToc,
            skippedAtTop,
            shownWhenReached,
            deferred: deferred === plain || deferred,
          };
        });
        expect(result, `${viewport.width}px`).toEqual({
          gapAfterToc: 56,
          skippedAtTop: true,
          shownWhenReached: true,
          deferred: true,
        });
      }
    });

    it("bring a reader who reloads deep in the article back to the same place", async () => {
      // A window, not a frame: the browser restores the place of a top-level page.
      const page = await newPage(TABLET);
      await page.goto(ARTICLE);
      await enhanced(page);
      const place = await page.evaluate(() => {
        document.getElementById("summary")?.scrollIntoView();
        return Math.round(window.scrollY);
      });
      expect(place).toBeGreaterThan(0);
      await page.reload();
      await enhanced(page);
      // Within a pixel: Firefox may land on the other side of a half pixel.
      await until(
        page,
        (y: number) => Math.abs(window.scrollY - y) <= 1 || Math.round(window.scrollY),
        place,
      );
    });
  });

  describe(`${name}: short lines at 320 px`, { timeout: 60_000 }, () => {
    it("never breaks inside a word that fits the column, in the trail, the tag list or a card", async () => {
      const page = await newPage(SMALL_PHONE);
      const problems: string[] = [];
      // A tag page's trail ends in 「コミュニケーション」の記事; the article pages hold tag lists and long trails.
      for (const path of ["/tags/communication/", "/aisatsu/", `${ARTICLE}responses/`]) {
        await page.goto(path);
        const pieces = await page.evaluate(
          paragraphLines,
          `main nav[aria-label="${ui.breadcrumb.label}"] li, main .phrases, main [aria-label="${ui.tags.label}"] a`,
        );
        expect(pieces.length, path).toBeGreaterThan(2);
        for (const piece of pieces) problems.push(...breaksInsideWords(piece, path));
      }
      expect(problems).toEqual([]);
    });
  });

  describe(`${name}: the theme`, { timeout: 60_000 }, () => {
    it("applies a stored dark theme from the page's first parse, before anything is painted", async () => {
      const page = await newPage(SMALL_PHONE);
      await page.goto(`${ARTICLE}summary/`);
      await page.evaluate((key: string) => localStorage.setItem(key, "dark"), THEME_STORAGE_KEY);
      await page.reload();
      // Only the inline script in <head> sets data-theme on load (the module sets it only when the
      // reader changes the switch), so a dark page here was dark from its first parse; it also
      // shows the engine ran that script under the page's CSP hash.
      expect(
        await page.evaluate(() => ({
          theme: document.documentElement.dataset["theme"],
          background: getComputedStyle(document.body).backgroundColor,
        })),
      ).toEqual({ theme: "dark", background: "rgb(22, 25, 29)" });
      await enhanced(page);
      expect(
        await page.evaluate(
          () => (document.querySelector('theme-switch input[value="dark"]') as HTMLInputElement).checked,
        ),
      ).toBe(true);
    });
  });

  describe(`${name}: copying a link`, { timeout: 60_000 }, () => {
    it("says the link was copied, in the status region", async () => {
      const page = await newPage();
      await page.goto(`${ARTICLE}responses/`);
      await enhanced(page);
      await page.click('share-bar [data-action="copy"]');
      await until(
        page,
        (copied: string) => document.getElementById("share-status")?.textContent === copied,
        ui.share.copied,
      );
    });

    it("shows the link selected in a field to copy by hand when the clipboard is refused", async () => {
      const page = await newPage();
      await page.goto(`${ARTICLE}responses/`);
      await enhanced(page);
      // As in LINE's in-app browser on Android: no share sheet, every way of copying refused. (Set
      // after load: WebKitWebDriver cannot add scripts before a page's own; the page reads these
      // only when the reader asks to copy.)
      await page.evaluate(stubSharing, { share: "missing", clipboard: "rejects", execCommand: "fails" });
      await page.click('share-bar [data-action="copy"]');
      await until(
        page,
        () => (document.getElementById("copy-fallback") as HTMLDialogElement | null)?.open === true,
      );
      expect(
        await page.evaluate(() => {
          const field = document.querySelector<HTMLInputElement>("#copy-fallback input");
          return {
            value: field?.value,
            selected: field ? field.value.slice(field.selectionStart ?? 0, field.selectionEnd ?? 0) : "",
            focused: document.activeElement === field,
            status: document.getElementById("share-status")?.textContent,
          };
        }),
      ).toEqual({
        value: new URL(`${ARTICLE}responses/`, DEFAULT_SITE_URL).href,
        selected: new URL(`${ARTICLE}responses/`, DEFAULT_SITE_URL).href,
        focused: true,
        status: ui.share.copyFailed,
      });
      await page.press("Escape");
      await until(
        page,
        () =>
          (document.getElementById("copy-fallback") as HTMLDialogElement | null)?.open === false &&
          document.activeElement === document.querySelector('share-bar [data-action="copy"]'),
      );
    });
  });
}
