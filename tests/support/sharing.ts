import type { Page } from "playwright-core";
import { enhanced } from "./browser";

/**
 * Stand-ins for the device's share sheet and the clipboard, as a reader's browser may offer them:
 * LINE's in-app browser on Android has no share sheet and may refuse clipboard writes. `stubSharing`
 * runs in the page (pass it to `page.addInitScript`), is self-contained and uses only web APIs, so
 * the same stand-ins serve any engine Playwright drives.
 */
export interface SharingStubs {
  /** `missing`: no `navigator.share`; otherwise how the sheet answers (a DOMException's name). */
  share: "missing" | "shared" | "NotAllowedError" | "AbortError";
  /** Whether `navigator.clipboard.writeText` accepts or rejects. */
  clipboard: "accepts" | "rejects";
  /** `document.execCommand("copy")`: `records` the selected text and succeeds; `fails` returns false. */
  execCommand: "records" | "fails";
}

/** What the stand-ins were asked, in order. */
export interface SharingRecord {
  shared: ShareData[];
  /** Texts passed to `navigator.clipboard.writeText` that it accepted. */
  written: string[];
  /** The text selected in the focused field at each `execCommand("copy")`. */
  execCopied: string[];
}

/** Page-side: installs the stand-ins before the page's own scripts run. */
export function stubSharing({ share, clipboard, execCommand }: SharingStubs): void {
  const record: SharingRecord = { shared: [], written: [], execCopied: [] };
  Object.defineProperty(window, "sharingRecord", { value: record });
  if (share === "missing") {
    delete (Navigator.prototype as Partial<Navigator>).share;
    delete (Navigator.prototype as Partial<Navigator>).canShare;
  } else {
    Object.defineProperty(navigator, "share", {
      configurable: true,
      value: (data: ShareData) => {
        record.shared.push(data);
        return share === "shared" ? Promise.resolve() : Promise.reject(new DOMException("refused", share));
      },
    });
  }
  Object.defineProperty(navigator, "clipboard", {
    configurable: true,
    value: {
      writeText: (text: string) => {
        if (clipboard === "rejects") return Promise.reject(new DOMException("refused", "NotAllowedError"));
        record.written.push(text);
        return Promise.resolve();
      },
    },
  });
  document.execCommand = (command: string) => {
    if (command !== "copy" || execCommand === "fails") return false;
    const field = document.activeElement;
    const selected =
      field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement
        ? field.value.slice(field.selectionStart ?? 0, field.selectionEnd ?? 0)
        : (document.getSelection()?.toString() ?? "");
    record.execCopied.push(selected);
    return true;
  };
}

/** What the stand-ins of `page` have recorded so far. */
export function sharingRecord(page: Page): Promise<SharingRecord> {
  return page.evaluate(() => (window as unknown as { sharingRecord: SharingRecord }).sharingRecord);
}

/** The page's copy-fallback dialog as the reader meets it (src/components/CopyFallback.astro). */
export interface CopyFallbackState {
  open: boolean;
  /** The dialog's accessible name source and the field's label. */
  label: string;
  value: string;
  /** Whether the field has focus and its whole value is selected. */
  focused: boolean;
  selected: boolean;
}

/** Page-side: reads the copy-fallback dialog's state. */
export function readCopyFallback(): CopyFallbackState {
  const dialog = document.querySelector<HTMLDialogElement>("#copy-fallback");
  const field = dialog?.querySelector("input");
  return {
    open: dialog?.open ?? false,
    label: field?.labels?.[0]?.textContent?.trim() ?? "",
    value: field?.value ?? "",
    focused: field !== undefined && field !== null && document.activeElement === field,
    selected:
      field !== undefined &&
      field !== null &&
      field.selectionStart === 0 &&
      field.selectionEnd === field.value.length &&
      field.value.length > 0,
  };
}

/** Opens `url` in `page` with the sharing stand-ins installed, once the page's module has run. */
export async function openWithSharingStubs(page: Page, url: string, stubs: SharingStubs): Promise<void> {
  await page.addInitScript(stubSharing, stubs);
  await page.goto(url);
  await enhanced(page);
}
