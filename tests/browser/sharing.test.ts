import type { Locator, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { DEFAULT_SITE_URL } from "../../src/site/settings";
import { PHONE, enhanced, useBrowser } from "../support/browser";
import { MANUSCRIPT_ARTICLE as ARTICLE, sitePages } from "../support/site";
import { openWithSharingStubs, readCopyFallback, sharingRecord, type SharingStubs } from "../support/sharing";

const { baseUrl, newPage } = useBrowser();
/** A desktop: no share sheet, so the controls copy to the clipboard. */
const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: "ja-JP", reducedMotion: "reduce" } as const;
const site = new URL(DEFAULT_SITE_URL);

/** Gives the page a share sheet (as phones have) that records what it was asked to share. */
async function recordShareSheet(page: Page) {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "share", {
      value: (data: ShareData) => {
        (window as unknown as { shared: ShareData }).shared = data;
        return Promise.resolve();
      },
    });
  });
}

const sharedData = (page: Page) => page.evaluate(() => (window as unknown as { shared?: ShareData }).shared);

async function withClipboard(page: Page) {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
  return () => page.evaluate(() => navigator.clipboard.readText());
}

const SENTENCE = "その間はプライベートな話題を控えて業務中心のやり取りに徹しましょう。";

/**
 * Selects `text` the way a reader would: the paragraph is on screen and was clicked (which
 * also moves the keyboard's starting point there), then the words are selected.
 */
async function selectInParagraph(page: Page, text: string) {
  const paragraph = page.locator(".prose-ja p", { hasText: text }).first();
  await paragraph.scrollIntoViewIfNeeded();
  await paragraph.click({ position: { x: 2, y: 2 } });
  await page.evaluate((wanted) => {
    for (const paragraph of document.querySelectorAll(".prose-ja p")) {
      const node = [...paragraph.childNodes].find((child) => child.textContent?.includes(wanted));
      if (!node || node.nodeType !== Node.TEXT_NODE) continue;
      const start = (node.textContent ?? "").indexOf(wanted);
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + wanted.length);
      const selection = document.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return;
    }
    throw new Error(`not found: ${wanted}`);
  }, text);
}

describe("share bar", () => {
  it("copies the page's URL and confirms it in a live region", async () => {
    const page = await newPage(DESKTOP);
    const clipboard = await withClipboard(page);
    await page.goto(`${baseUrl}${ARTICLE}responses/`);
    await enhanced(page);
    await page.locator("share-bar").getByRole("button", { name: "リンクをコピー" }).click();
    expect(await clipboard()).toBe(new URL(`${ARTICLE}responses/`, site).href);
    const status = page.locator("#share-status");
    expect(await status.getAttribute("role")).toBe("status");
    await expect.poll(() => status.textContent()).toBe("リンクをコピーしました");
    await page.context().close();
  });

  it("offers the share sheet only where the device has one", async () => {
    const desktop = await newPage(DESKTOP);
    await desktop.goto(`${baseUrl}${ARTICLE}`);
    expect(await desktop.getByRole("button", { name: "その他の方法で共有" }).isVisible()).toBe(false);
    await desktop.context().close();

    const phone = await newPage(PHONE);
    await recordShareSheet(phone);
    await phone.goto(`${baseUrl}${ARTICLE}mindset/`);
    await phone.getByRole("button", { name: "その他の方法で共有" }).click();
    expect(await sharedData(phone)).toEqual({
      title: "断られても諦めない心構え｜職場でLINE交換を断られたら",
      url: new URL(`${ARTICLE}mindset/`, site).href,
    });
    await phone.context().close();
  });
});

describe("per-heading share", () => {
  it("copies the section page's URL with the heading's fragment, from the full article", async () => {
    const page = await newPage(DESKTOP);
    const clipboard = await withClipboard(page);
    await page.goto(`${baseUrl}${ARTICLE}`);
    await enhanced(page);
    await page.getByRole("button", { name: "「冷却期間と必要な距離感」へのリンクをコピー" }).click();
    expect(await clipboard()).toBe(new URL(`${ARTICLE}responses/#cooling-off`, site).href);
    await page
      .getByRole("button", { name: "「LINE以外の連絡手段と親密さを育む方法」へのリンクをコピー" })
      .click();
    expect(await clipboard()).toBe(new URL(`${ARTICLE}alternatives/`, site).href);
    await page.context().close();
  });

  it("is keyboard operable on a section page", async () => {
    const page = await newPage(DESKTOP);
    const clipboard = await withClipboard(page);
    await page.goto(`${baseUrl}${ARTICLE}mindset/`);
    await enhanced(page);
    await page
      .getByRole("button", { name: "「再アプローチのタイミングと注意点」へのリンクをコピー" })
      .focus();
    await page.keyboard.press("Enter");
    expect(await clipboard()).toBe(new URL(`${ARTICLE}mindset/#second-try`, site).href);
    await page.context().close();
  });

  it("uses the share sheet on a phone, and is visible without hover", async () => {
    const page = await newPage(PHONE);
    await recordShareSheet(page);
    await page.goto(`${baseUrl}${ARTICLE}responses/`);
    await enhanced(page);
    const button = page.getByRole("button", { name: "「冷却期間と必要な距離感」へのリンクを共有" });
    expect(await button.isVisible()).toBe(true);
    await button.tap();
    expect(await sharedData(page)).toEqual({
      title: "冷却期間と必要な距離感",
      url: new URL(`${ARTICLE}responses/#cooling-off`, site).href,
    });
    await page.context().close();
  });
});

describe("quote links", () => {
  it("copies a link to the selected sentence that opens scrolled to it", async () => {
    const page = await newPage(DESKTOP);
    const clipboard = await withClipboard(page);
    await page.goto(`${baseUrl}${ARTICLE}`);
    await enhanced(page);
    await selectInParagraph(page, "業務中心のやり取り");
    const button = page.getByRole("button", { name: "この部分へのリンクをコピー" });
    await expect.poll(() => button.isVisible()).toBe(true);
    await button.click();
    const link = await clipboard();
    expect(link).toBe(
      `${new URL(`${ARTICLE}responses/`, site).href}#:~:text=${encodeURIComponent(SENTENCE)}`,
    );
    await expect
      .poll(() => page.locator("#share-status").textContent())
      .toBe("この部分へのリンクをコピーしました");

    const reader = await newPage(PHONE);
    await reader.goto(link.replace(site.origin, baseUrl));
    await expect
      .poll(() =>
        reader.evaluate((sentence) => {
          const paragraph = [...document.querySelectorAll(".prose-ja p")].find((p) =>
            p.textContent?.includes(sentence),
          );
          const box = paragraph?.getBoundingClientRect();
          return box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight;
        }, SENTENCE),
      )
      .toBe(true);
    await reader.context().close();
    await page.context().close();
  });

  it("is reachable with Tab right after the selection", async () => {
    const page = await newPage(DESKTOP);
    await page.goto(`${baseUrl}${ARTICLE}responses/`);
    await enhanced(page);
    await selectInParagraph(page, "業務中心のやり取り");
    await expect.poll(() => page.locator("quote-link").isVisible()).toBe(true);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      "この部分へのリンクをコピー",
    );
    await page.context().close();
  });

  it("is absent where the browser has no text fragments", async () => {
    const page = await newPage(DESKTOP);
    await page.addInitScript(() => {
      delete (Document.prototype as unknown as { fragmentDirective?: unknown }).fragmentDirective;
      delete (document as unknown as { fragmentDirective?: unknown }).fragmentDirective;
    });
    await page.goto(`${baseUrl}${ARTICLE}responses/`);
    expect(await page.evaluate(() => "fragmentDirective" in document)).toBe(false);
    await selectInParagraph(page, "業務中心のやり取り");
    await page.waitForTimeout(200);
    expect(await page.locator("quote-link").isVisible()).toBe(false);
    await page.context().close();
  });
});

describe("when the browser will not share or copy (LINE's in-app browser and others)", () => {
  const COPY_FAILED = "コピーできませんでした。下のリンクを長押しして、コピーしてください。";

  /** A control that sends a link, used on a phone (where the share sheet would be offered). */
  interface LinkControl {
    name: string;
    path: string;
    /** The link it sends, as written into the clipboard or the field. */
    url: string;
    /** What the status region says once the link is copied. */
    copied: string;
    /** Whether it offers the share sheet where the device has one. */
    usesSheet: boolean;
    /** Uses the control as a reader would and returns it (focus comes back to it). */
    use(page: Page, hasSheet: boolean): Promise<Locator>;
  }

  const CONTROLS: LinkControl[] = [
    {
      name: "a heading's share button",
      path: `${ARTICLE}responses/`,
      url: new URL(`${ARTICLE}responses/#cooling-off`, site).href,
      copied: "リンクをコピーしました",
      usesSheet: true,
      async use(page, hasSheet) {
        const verb = hasSheet ? "共有" : "コピー";
        const button = page.getByRole("button", { name: `「冷却期間と必要な距離感」へのリンクを${verb}` });
        await button.tap();
        return button;
      },
    },
    {
      name: "the share bar",
      path: `${ARTICLE}mindset/`,
      url: new URL(`${ARTICLE}mindset/`, site).href,
      copied: "リンクをコピーしました",
      usesSheet: true,
      async use(page, hasSheet) {
        // Where there is no share sheet, its button stays hidden and the copy button is the way.
        const button = page
          .locator("share-bar")
          .getByRole("button", { name: hasSheet ? "その他の方法で共有" : "リンクをコピー" });
        await button.tap();
        return button;
      },
    },
    {
      name: "a quote link",
      path: `${ARTICLE}responses/`,
      url: `${new URL(`${ARTICLE}responses/`, site).href}#:~:text=${encodeURIComponent(SENTENCE)}`,
      copied: "この部分へのリンクをコピーしました",
      usesSheet: false,
      async use(page) {
        await selectInParagraph(page, "業務中心のやり取り");
        const button = page.getByRole("button", { name: "この部分へのリンクをコピー" });
        await expect.poll(() => button.isVisible()).toBe(true);
        await button.tap();
        return button;
      },
    },
  ];

  async function openWith(control: LinkControl, stubs: SharingStubs) {
    const page = await newPage(PHONE);
    await openWithSharingStubs(page, `${baseUrl}${control.path}`, stubs);
    return page;
  }

  const status = (page: Page) => page.locator("#share-status").textContent();
  const copyFallback = (page: Page) => page.evaluate(readCopyFallback);
  const hasFocus = (control: Locator) => control.evaluate((element) => element === document.activeElement);

  for (const control of CONTROLS) {
    describe(control.name, () => {
      it("copies the link when there is no share sheet", async () => {
        const page = await openWith(control, {
          share: "missing",
          clipboard: "accepts",
          execCommand: "fails",
        });
        await control.use(page, false);
        await expect.poll(() => status(page)).toBe(control.copied);
        expect((await sharingRecord(page)).written).toEqual([control.url]);
        expect((await copyFallback(page)).open).toBe(false);
        await page.context().close();
      });

      it("shows the link in a field to copy by hand when the clipboard refuses, until Escape", async () => {
        const page = await openWith(control, {
          share: "missing",
          clipboard: "rejects",
          execCommand: "fails",
        });
        const trigger = await control.use(page, false);
        await expect
          .poll(() => copyFallback(page))
          .toEqual({
            open: true,
            label: COPY_FAILED,
            value: control.url,
            focused: true,
            selected: true,
          });
        expect(await page.getByRole("dialog", { name: COPY_FAILED }).isVisible()).toBe(true);
        expect(await page.getByRole("textbox", { name: COPY_FAILED }).inputValue()).toBe(control.url);
        await expect.poll(() => status(page)).toBe(COPY_FAILED);

        await page.keyboard.press("Escape");
        await expect.poll(async () => (await copyFallback(page)).open).toBe(false);
        expect(await hasFocus(trigger)).toBe(true);
        // Its words no longer apply once the field is gone: cleared by the dialog's close event,
        // which the browser fires in a task after the dialog has closed.
        await expect.poll(() => status(page)).toBe("");
        await page.context().close();
      });

      it("copies the link when the share sheet refuses (NotAllowedError)", async () => {
        const page = await openWith(control, {
          share: "NotAllowedError",
          clipboard: "accepts",
          execCommand: "fails",
        });
        await control.use(page, true);
        await expect.poll(() => status(page)).toBe(control.copied);
        const record = await sharingRecord(page);
        expect(record.written).toEqual([control.url]);
        expect(record.shared).toHaveLength(control.usesSheet ? 1 : 0);
        expect((await copyFallback(page)).open).toBe(false);
        await page.context().close();
      });

      if (control.usesSheet) {
        it("does nothing more when the reader closes the share sheet (AbortError)", async () => {
          const page = await openWith(control, {
            share: "AbortError",
            clipboard: "accepts",
            execCommand: "records",
          });
          await control.use(page, true);
          await expect.poll(async () => (await sharingRecord(page)).shared).toHaveLength(1);
          // Long enough for a copy to have happened, had the refusal been mistaken for a failure.
          await page.waitForTimeout(300);
          const record = await sharingRecord(page);
          expect([record.written, record.execCopied]).toEqual([[], []]);
          expect(await status(page)).toBe("");
          expect((await copyFallback(page)).open).toBe(false);
          await page.context().close();
        });
      }
    });
  }

  it("copies from the field when only the selection-based copy works, without showing it", async () => {
    const [shareBar] = CONTROLS.filter((control) => control.name === "the share bar");
    if (!shareBar) throw new Error("no share bar control");
    const page = await openWith(shareBar, { share: "missing", clipboard: "rejects", execCommand: "records" });
    const trigger = await shareBar.use(page, false);
    await expect.poll(() => status(page)).toBe(shareBar.copied);
    expect((await sharingRecord(page)).execCopied).toEqual([shareBar.url]);
    expect((await copyFallback(page)).open).toBe(false);
    expect(await hasFocus(trigger)).toBe(true);
    await page.context().close();
  });

  it("closes with its button and works by keyboard alone, at 320 px", async () => {
    const page = await newPage({ ...PHONE, viewport: { width: 320, height: 640 } });
    await openWithSharingStubs(page, `${baseUrl}${ARTICLE}summary/`, {
      share: "missing",
      clipboard: "rejects",
      execCommand: "fails",
    });
    const copy = page.locator("share-bar").getByRole("button", { name: "リンクをコピー" });
    await copy.focus();
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await copyFallback(page)).focused).toBe(true);
    await page.keyboard.press("Tab");
    const close = page.getByRole("dialog").getByRole("button", { name: "閉じる" });
    expect(await hasFocus(close)).toBe(true);
    // At least 24 × 24 CSS px (WCAG 2.5.8), inside the 320 px viewport.
    for (const control of [close, page.getByRole("textbox", { name: COPY_FAILED })]) {
      const box = await control.boundingBox();
      expect(box && box.width >= 24 && box.height >= 24 && box.x >= 0 && box.x + box.width <= 320).toBe(true);
    }
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await copyFallback(page)).open).toBe(false);
    expect(await hasFocus(copy)).toBe(true);
    await page.context().close();
  });

  it("covers the status toast, which says the same words, at phone and desktop widths", async () => {
    const page = await newPage({ ...PHONE, viewport: { width: 320, height: 640 } });
    await openWithSharingStubs(page, `${baseUrl}${ARTICLE}summary/`, {
      share: "missing",
      clipboard: "rejects",
      execCommand: "fails",
    });
    await page.locator("share-bar").getByRole("button", { name: "リンクをコピー" }).tap();
    await expect.poll(async () => (await copyFallback(page)).open).toBe(true);
    for (const width of [320, 390, 768, 1280]) {
      await page.setViewportSize({ width, height: 640 });
      const uncovered = await page.evaluate(() => {
        const dialog = document.querySelector("#copy-fallback")?.getBoundingClientRect();
        const status = document.querySelector("#share-status");
        if (!dialog || !status) return "missing";
        // The toast's own timer may have emptied it: measure it holding the dialog's words.
        status.textContent = document.querySelector("#copy-fallback label")?.textContent ?? "";
        const toast = status.getBoundingClientRect();
        const inside =
          toast.left >= dialog.left &&
          toast.right <= dialog.right &&
          toast.top >= dialog.top &&
          toast.bottom <= dialog.bottom;
        return inside && dialog.right <= window.innerWidth ? "" : JSON.stringify({ dialog, toast });
      });
      expect(uncovered, `${width}px`).toBe("");
    }
    await page.context().close();
  });
});

describe("privacy", () => {
  it("makes no request to any other origin while loading and using a page", async () => {
    const page = await newPage(PHONE);
    const foreign: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).origin !== baseUrl) foreign.push(request.url());
    });
    for (const path of [...sitePages(inject("distDir")).oneOfEachKind, `${ARTICLE}summary/`]) {
      await page.goto(`${baseUrl}${path}`, { waitUntil: "networkidle" });
      await enhanced(page);
    }
    await page.getByLabel("信頼関係を築くには長期的な視点が必要").check();
    expect(foreign).toEqual([]);
    await page.context().close();
  });
});
