import { describe, expect, inject, it } from "vitest";
import { PHONE, enhanced, isInViewport, useBrowser } from "../support/browser";
import { checklistStorageKey } from "../../src/scripts/checklist-store";
import { FIXTURE_ARTICLE, MANUSCRIPT_ARTICLE as ARTICLE, sitePages } from "../support/site";

/** Where the first article's ticks are kept (src/scripts/checklist-store.ts). */
const CHECKLIST_KEY = checklistStorageKey(ARTICLE.slice(1, -1));

const { baseUrl, newPage } = useBrowser();

describe("a reader on a phone (390×844)", () => {
  it("follows a table-of-contents link on the full article to an h3 and lands on it", async () => {
    const page = await newPage({ ...PHONE, reducedMotion: "reduce" });
    await page.goto(`${baseUrl}${ARTICLE}`);
    await enhanced(page);
    expect(await isInViewport(page, "#cooling-off")).toBe(false);
    await page.locator('nav[aria-labelledby="toc-title"] a[href="#cooling-off"]').click();
    await page.waitForURL(`${baseUrl}${ARTICLE}#cooling-off`);
    await expect.poll(() => isInViewport(page, "#cooling-off"), { timeout: 5000 }).toBe(true);
    await page.context().close();
  });

  it("opens a shared link to a heading on a section page and sees that heading", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}${ARTICLE}responses/#cooling-off`);
    await expect.poll(() => isInViewport(page, "#cooling-off"), { timeout: 5000 }).toBe(true);
    expect(await page.locator("#cooling-off").textContent()).toBe("冷却期間と必要な距離感");
    await page.context().close();
  });

  it("opens /<article>/#<h3 id> on the full article and sees that heading", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}${ARTICLE}#new-chances`);
    await expect.poll(() => isInViewport(page, "#new-chances"), { timeout: 5000 }).toBe(true);
    await page.context().close();
  });

  it("ticks two points on the full article, reloads, sees them on its summary page, then resets", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}${ARTICLE}`);
    await enhanced(page);
    const progress = page.locator("summary-checklist [data-progress]");
    await expect.poll(() => progress.textContent(), { timeout: 5000 }).toBe("0 / 4 項目をチェック済み");

    await page.getByLabel("LINE交換を断る背景にはプライバシー意識や職場文化がある").check();
    await page.getByLabel("信頼関係を築くには長期的な視点が必要").check();
    expect(await progress.textContent()).toBe("2 / 4 項目をチェック済み");

    await page.reload();
    await enhanced(page);
    expect(await page.getByLabel("LINE交換を断る背景にはプライバシー意識や職場文化がある").isChecked()).toBe(
      true,
    );

    await page.goto(`${baseUrl}${ARTICLE}summary/`);
    await enhanced(page);
    const checked = await page
      .locator('summary-checklist input[type="checkbox"]')
      .evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).checked));
    expect(checked).toEqual([true, false, false, true]);
    expect(await page.locator("summary-checklist [data-progress]").textContent()).toBe(
      "2 / 4 項目をチェック済み",
    );

    await page.getByRole("button", { name: "チェックをリセット" }).click();
    expect(await page.locator("summary-checklist [data-progress]").textContent()).toBe(
      "0 / 4 項目をチェック済み",
    );
    await page.reload();
    await enhanced(page);
    expect(await page.locator("summary-checklist input:checked").count()).toBe(0);
    await page.context().close();
  });

  it("uses the checklist with the keyboard alone", async () => {
    const page = await newPage({ ...PHONE, isMobile: false, hasTouch: false });
    await page.goto(`${baseUrl}${ARTICLE}summary/`);
    await enhanced(page);
    await page.locator("#point-responses").focus();
    await page.keyboard.press("Space");
    expect(await page.locator("#point-responses").isChecked()).toBe(true);
    await page.keyboard.press("Tab"); // the link to the section
    await page.keyboard.press("Tab"); // the next point
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("point-alternatives");
    await page.context().close();
  });

  it("shows ticks made in another tab without a reload", async () => {
    const page = await newPage();
    const other = await page.context().newPage();
    await page.goto(`${baseUrl}${ARTICLE}summary/`);
    await enhanced(page);
    await other.goto(`${baseUrl}${ARTICLE}`);
    await enhanced(other);
    await other.getByLabel("LINE以外の手段で親密さを育む工夫も有効").check();
    await expect.poll(() => page.locator("#point-alternatives").isChecked()).toBe(true);
    await page.context().close();
  });
});

describe("with JavaScript off", () => {
  it("renders the article and a usable checklist; only saving is lost", async () => {
    const page = await newPage({ ...PHONE, javaScriptEnabled: false });
    await page.goto(`${baseUrl}${ARTICLE}`);
    expect(await page.locator("h1").textContent()).toBe("職場でLINE交換を断られたら");
    expect(await page.locator("main section[data-section] h2").count()).toBe(5);
    const boxes = page.locator('summary-checklist input[type="checkbox"]');
    expect(await boxes.count()).toBe(4);
    await page.getByLabel("焦らず自然体でコミュニケーションを続けることが大切").check();
    expect(await boxes.nth(1).isChecked()).toBe(true);
    await page.getByRole("button", { name: "チェックをリセット" }).click();
    expect(await boxes.nth(1).isChecked()).toBe(false);
    // No progress is shown that could not update.
    expect(await page.locator("summary-checklist [data-progress]").isVisible()).toBe(false);
    await page.goto(`${baseUrl}${ARTICLE}summary/`);
    expect(await page.locator('summary-checklist input[type="checkbox"]').count()).toBe(4);
    await page.context().close();
  });
});

describe("ticking before the page's script has arrived", () => {
  it("keeps a point ticked before the script ran, and saves it with the ones already saved", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}${ARTICLE}summary/`);
    await enhanced(page);
    await page.getByLabel("信頼関係を築くには長期的な視点が必要").check();
    // A slow connection: the module arrives well after the reader's first tick.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/_astro\/site\.[\w-]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    // Not until "load": the parser waits for the held module before DOMContentLoaded and load.
    await page.reload({ waitUntil: "commit" });
    const early = page.getByLabel("LINE交換を断る背景にはプライバシー意識や職場文化がある");
    await early.check();
    expect(await page.evaluate(() => customElements.get("summary-checklist"))).toBeUndefined();
    release();
    await enhanced(page);
    expect(await early.isChecked()).toBe(true);
    expect(await page.locator("#point-mindset").isChecked()).toBe(true);
    expect(await page.locator("summary-checklist [data-progress]").textContent()).toBe(
      "2 / 4 項目をチェック済み",
    );
    const saved = await page.evaluate((key) => localStorage.getItem(key) ?? "", CHECKLIST_KEY);
    expect((JSON.parse(saved) as { checked: string[] }).checked.sort()).toEqual(["mindset", "reasons"]);
    await page.reload();
    await enhanced(page);
    expect(await early.isChecked()).toBe(true);
    await page.context().close();
  });

  it("does not let the browser restore ticks the reader has since cleared (Back after a reset)", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}${ARTICLE}summary/`);
    await enhanced(page);
    await page.getByLabel("信頼関係を築くには長期的な視点が必要").check();
    await page.goto(`${baseUrl}${ARTICLE}`);
    await enhanced(page);
    await page.getByRole("button", { name: "チェックをリセット" }).click();
    // Back reloads /summary/ (Playwright's Chromium keeps no back/forward cache), where a browser
    // restores form controls as they were left unless the form says autocomplete="off".
    await page.goBack();
    await enhanced(page);
    expect(await page.locator("#point-mindset").isChecked()).toBe(false);
    expect(await page.evaluate((key) => localStorage.getItem(key) ?? "", CHECKLIST_KEY)).not.toContain(
      "mindset",
    );
    await page.context().close();
  });
});

describe("two articles' checklists", () => {
  it("keep their own ticks: ticks on one article never show on another", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}${ARTICLE}summary/`);
    await enhanced(page);
    await page.getByLabel("信頼関係を築くには長期的な視点が必要").check();

    // The fixture article's summary section has the same slug, and a point for its own sections.
    await page.goto(`${baseUrl}${FIXTURE_ARTICLE}summary/`);
    await enhanced(page);
    const fixtureProgress = page.locator("summary-checklist [data-progress]");
    await expect.poll(() => fixtureProgress.textContent()).toBe("0 / 2 項目をチェック済み");
    expect(await page.locator("summary-checklist input:checked").count()).toBe(0);
    await page.getByLabel("返事がないのは嫌われているからとは限らない").check();
    await page.goto(`${baseUrl}${FIXTURE_ARTICLE}`);
    await enhanced(page);
    await expect.poll(() => fixtureProgress.textContent()).toBe("1 / 2 項目をチェック済み");

    await page.goto(`${baseUrl}${ARTICLE}`);
    await enhanced(page);
    await expect
      .poll(() => page.locator("summary-checklist [data-progress]").textContent())
      .toBe("1 / 4 項目をチェック済み");
    expect(await page.locator("#point-mindset").isChecked()).toBe(true);
    await page.context().close();
  });
});

describe("with storage blocked", () => {
  it("still lets the reader tick points, keeps them in memory and says they are not saved", async () => {
    const page = await newPage();
    await page.addInitScript(() => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("The operation is insecure.", "SecurityError");
        },
      });
    });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${baseUrl}${ARTICLE}summary/`);
    await enhanced(page);
    await page.getByLabel("LINE交換を断る背景にはプライバシー意識や職場文化がある").check();
    expect(await page.locator("summary-checklist [data-progress]").textContent()).toBe(
      "1 / 4 項目をチェック済み",
    );
    expect(await page.locator("summary-checklist [data-not-saved]").isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("ignores garbage left in storage", async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}${ARTICLE}summary/`);
    await enhanced(page);
    await page.evaluate((key) => localStorage.setItem(key, "{broken"), CHECKLIST_KEY);
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.reload();
    await enhanced(page);
    expect(await page.locator("summary-checklist [data-progress]").textContent()).toBe(
      "0 / 4 項目をチェック済み",
    );
    await page.getByLabel("信頼関係を築くには長期的な視点が必要").check();
    await page.reload();
    await enhanced(page);
    expect(await page.locator("#point-mindset").isChecked()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe("the 404 page", () => {
  it("is served for an unknown path, in Japanese, with a link back", async () => {
    const page = await newPage();
    const response = await page.goto(`${baseUrl}/no-such-page/`);
    await enhanced(page);
    expect(response?.status()).toBe(404);
    await page.getByRole("link", { name: "トップページへ戻る" }).click();
    await page.waitForURL(`${baseUrl}/`);
    await page.context().close();
  });
});

describe("at 320 px", () => {
  it("has no horizontal scroll on any page", async () => {
    const page = await newPage({ ...PHONE, viewport: { width: 320, height: 640 } });
    for (const path of sitePages(inject("distDir")).all) {
      await page.goto(`${baseUrl}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await page.context().close();
  });
});
