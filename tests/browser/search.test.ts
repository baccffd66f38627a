import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { SEARCH_PATH } from "../../src/article/urls";
import { ui } from "../../src/site/ui-strings";
import { PHONE, enhanced, useBrowser } from "../support/browser";
import { openWithSharingStubs, sharingRecord } from "../support/sharing";
import { MANUSCRIPT_ARTICLE as ARTICLE } from "../support/site";
import { DEFAULT_SITE_URL, siteSettings } from "../../src/site/settings";

const { baseUrl, newPage } = useBrowser();
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const ARTICLE_TITLE = "職場でLINE交換を断られたら";

/**
 * Opens `path` with every CSP violation, console error and page error recorded (the server sends
 * the site's real _headers, so the page runs under both its <meta> and its header policy).
 */
async function openRecording(path: string, options = PHONE): Promise<{ page: Page; problems: string[] }> {
  const page = await newPage(options);
  const problems: string[] = [];
  await page.exposeFunction("reportViolation", (text: string) => problems.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      (window as unknown as { reportViolation: (text: string) => void }).reportViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"}`,
      ),
    );
  });
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning")
      problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  await page.goto(`${baseUrl}${path}`);
  return { page, problems };
}

/** Resolves once the search page's own module (loaded after the page's) runs the field. */
const searchReady = (page: Page) =>
  page.waitForFunction(() => customElements.get("site-search") !== undefined);

const results = (page: Page) => page.locator("[data-search-results] > li");
const firstLink = (page: Page) => results(page).first().locator("a");
const field = (page: Page) => page.getByLabel(ui.search.fieldLabel);
/** The search's status line (the page's other status region is the share toast's). */
const status = (page: Page) => page.locator("site-search [role=status]");

describe("site search (Pagefind) in Chromium, under the site's real headers", () => {
  it("finds the responses section first for 冷却期間 as it is typed, titled, under no CSP violation", async () => {
    const { page, problems } = await openRecording(SEARCH_PATH);
    await enhanced(page);
    await field(page).pressSequentially("冷却期間", { delay: 30 });
    await expect
      .poll(() => firstLink(page).getAttribute("href"), { timeout: 10_000 })
      .toMatch(new RegExp(`^${ARTICLE}responses/(#cooling-off)?$`));
    const first = results(page).first();
    expect(await first.locator("a").innerText()).toContain("LINE交換を断られたときの適切な対応法");
    expect(await first.innerText()).toContain(ARTICLE_TITLE);
    expect(await first.locator("mark").count()).toBeGreaterThan(0);
    // Styled as designed: the results are made by the script from a template in the page.
    const looks = await first.evaluate((item) => {
      const style = (selector: string) => getComputedStyle(item.querySelector(selector) as Element);
      return {
        title: style("a").fontSize,
        article: style("p").marginTop,
        heading: [...item.querySelectorAll("a span")].map((span) => getComputedStyle(span).fontWeight),
      };
    });
    expect(looks.title).toBe("18px");
    expect(looks.article).toBe("4px");
    expect(looks.heading.at(-1)).toBe("400");
    expect(await status(page).innerText()).toMatch(/「冷却期間」の検索結果は\d+件です。/);
    expect(new URL(page.url()).searchParams.get("q")).toBe("冷却期間");
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("finds the alternatives section first for ランチ, and says so when nothing matches", async () => {
    const { page, problems } = await openRecording(SEARCH_PATH);
    await searchReady(page);
    await field(page).fill("ランチ");
    await expect
      .poll(() => firstLink(page).getAttribute("href"), { timeout: 10_000 })
      .toMatch(new RegExp(`^${ARTICLE}alternatives/`));
    await field(page).fill("ｚｚｑｘ");
    await expect.poll(() => status(page).innerText()).toBe(ui.search.none("ｚｚｑｘ"));
    expect(await results(page).count()).toBe(0);
    const articleList = page.getByRole("link", { name: ui.search.articleList });
    expect(await articleList.getAttribute("href")).toBe("/");
    expect(await articleList.isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("searches what the reader typed before the search code arrived, once it arrives", async () => {
    const page = await newPage(PHONE);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // The search page's module, held back as a slow line would.
    await page.route(/\/_astro\/site-search\.[\w-]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${baseUrl}${SEARCH_PATH}`);
    await enhanced(page);
    await field(page).fill("冷却期間");
    expect(await page.evaluate(() => customElements.get("site-search"))).toBeUndefined();
    release();
    await expect.poll(() => firstLink(page).getAttribute("href"), { timeout: 10_000 }).toMatch(/responses/);
    expect(await field(page).inputValue()).toBe("冷却期間");
    expect(new URL(page.url()).searchParams.get("q")).toBe("冷却期間");
    await page.context().close();
  });

  it("searches at once for ?q= in the URL, and reaches and follows the first result by keyboard", async () => {
    const { page, problems } = await openRecording(`${SEARCH_PATH}?q=${encodeURIComponent("冷却期間")}`);
    await expect
      .poll(() => firstLink(page).getAttribute("href"), { timeout: 10_000 })
      .toMatch(new RegExp(`^${ARTICLE}responses/`));
    expect(await field(page).inputValue()).toBe("冷却期間");
    const href = (await firstLink(page).getAttribute("href")) ?? "";
    await field(page).focus();
    // The field, then its button, then the results in order.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(ui.search.submit);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe(href);
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => `${url.pathname}${url.hash}` === href);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("lists five results at a time; さらに表示 adds the next ones and moves focus to the first of them", async () => {
    const { page, problems } = await openRecording(`${SEARCH_PATH}?q=${encodeURIComponent("自然")}`);
    await expect.poll(() => results(page).count(), { timeout: 10_000 }).toBe(5);
    const total = Number(/(\d+)件/.exec(await status(page).innerText())?.[1]);
    expect(total).toBeGreaterThan(5);
    const more = page.getByRole("button", { name: ui.search.more });
    await more.click();
    await expect.poll(() => results(page).count()).toBe(Math.min(10, total));
    expect(
      await page.evaluate(() => document.activeElement?.closest("li")?.previousElementSibling !== null),
    ).toBe(true);
    const sixth = await results(page).nth(5).locator("a").getAttribute("href");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe(sixth);
    while (await more.isVisible()) await more.click();
    await expect.poll(() => results(page).count()).toBe(total);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("sends the search itself when shared: ?q= in the links, the copied URL and the title", async () => {
    const page = await newPage(PHONE);
    await openWithSharingStubs(page, `${baseUrl}${SEARCH_PATH}`, {
      share: "missing",
      clipboard: "accepts",
      execCommand: "fails",
    });
    await searchReady(page);
    await field(page).fill("冷却期間");
    await expect.poll(() => firstLink(page).getAttribute("href"), { timeout: 10_000 }).toMatch(/responses/);
    const searchUrl = new URL(SEARCH_PATH, DEFAULT_SITE_URL);
    searchUrl.searchParams.set("q", "冷却期間");
    const line = new URL((await page.locator('share-bar a[data-service="line"]').getAttribute("href")) ?? "");
    expect(line.searchParams.get("text")).toBe(
      `${ui.search.shareTitle("冷却期間")}｜${siteSettings.name}\n${searchUrl.href}`,
    );
    await page.getByRole("button", { name: ui.share.copy }).click();
    const record = await sharingRecord(page);
    expect(record.written).toEqual([searchUrl.href]);
    // Cleared, the bar sends the search page again.
    await field(page).fill("");
    await expect
      .poll(() => page.locator('share-bar a[data-service="facebook"]').getAttribute("href"))
      .toBe(
        `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(new URL(SEARCH_PATH, DEFAULT_SITE_URL).href)}`,
      );
    await page.context().close();
  });

  it("without JavaScript: says search needs it, links the article list, and the form still sends ?q=", async () => {
    const page = await newPage({ ...PHONE, javaScriptEnabled: false });
    await page.goto(`${baseUrl}/`);
    await page.getByLabel(ui.search.fieldLabel).fill("冷却期間");
    await page.getByRole("button", { name: ui.search.submit }).click();
    await page.waitForURL((url) => url.pathname === SEARCH_PATH);
    expect(new URL(page.url()).searchParams.get("q")).toBe("冷却期間");
    expect(await page.locator("main").innerText()).toContain(ui.search.noScript);
    const link = page.getByRole("link", { name: ui.search.articleList });
    expect(await link.getAttribute("href")).toBe("/");
    await page.context().close();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`has no axe violations with results shown (${colorScheme})`, async () => {
      const page = await newPage({ ...PHONE, colorScheme, reducedMotion: "reduce" });
      await page.goto(`${baseUrl}${SEARCH_PATH}?q=${encodeURIComponent("距離感")}`);
      await expect.poll(() => results(page).count(), { timeout: 10_000 }).toBeGreaterThan(0);
      const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
      expect(
        violations.map((v) => `${v.id} — ${v.nodes.map((node) => node.target.join(" ")).join(", ")}`),
      ).toEqual([]);
      await page.context().close();
    });
  }
});
