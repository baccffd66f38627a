/**
 * Browser-side sharing used by the share bar, the heading share buttons and quote links.
 * Confirmations go to the page's one status region (#share-status in BaseLayout.astro).
 */
import { copyFallbackPrompt } from "../site/ui-strings";

/** Puts `text` on the clipboard; false when every way was refused (some in-app browsers). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // The Clipboard API is missing or refused: try the older selection-based copy.
  }
  const field = document.createElement("textarea");
  field.value = text;
  field.setAttribute("readonly", "");
  field.style.position = "fixed";
  field.style.opacity = "0";
  document.body.append(field);
  field.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch {
    copied = false;
  }
  field.remove();
  return copied;
}

let clearTimer: ReturnType<typeof setTimeout> | undefined;

/** Says `message` politely to screen readers and shows it briefly on screen. */
export function announce(message: string): void {
  const status = document.getElementById("share-status");
  if (!status) return;
  status.textContent = message;
  clearTimeout(clearTimer);
  clearTimer = setTimeout(() => {
    status.textContent = "";
  }, 2500);
}

/** Whether to offer the device's own share sheet: phones and tablets that have one. */
export function hasShareSheet(): boolean {
  return typeof navigator.share === "function" && window.matchMedia("(pointer: coarse)").matches;
}

/**
 * Copies `url`, confirming on success; when the browser refuses, shows the URL in a prompt so
 * the reader can still copy it by hand.
 */
export async function copyLink(url: string, copiedMessage: string): Promise<void> {
  if (await copyText(url)) {
    announce(copiedMessage);
  } else {
    window.prompt(copyFallbackPrompt, url);
  }
}

/** Opens the share sheet with the title and URL; a dismissed sheet is not an error. */
export async function shareLink(title: string, url: string): Promise<void> {
  try {
    await navigator.share({ title, url });
  } catch {
    // AbortError when the reader closes the sheet: nothing to report.
  }
}
