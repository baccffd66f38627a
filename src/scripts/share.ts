/**
 * Browser-side sharing used by the share bar, the heading share buttons and quote links.
 * Confirmations go to the page's one status region (#share-status in BaseLayout.astro).
 */

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
 * Copies `url` and confirms it with `copiedMessage`. Where the browser refuses (LINE's in-app
 * browser on Android, some WebViews), the page's copy-fallback dialog (CopyFallback.astro) stays
 * open with the URL selected in its field, and the status region says to copy it from there.
 */
export async function copyLink(url: string, copiedMessage: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(url);
    return announce(copiedMessage);
  } catch {
    // The Clipboard API is missing or refused: the dialog's field is the way left.
  }
  const dialog = document.getElementById("copy-fallback") as HTMLDialogElement | null;
  const field = dialog?.querySelector("input");
  const close = dialog?.querySelector("button");
  if (!dialog || !field || !close) return;
  field.value = url;
  dialog.showModal();
  field.select();
  // The older selection-based copy, from the field itself. Opened and closed within one task,
  // the dialog is never painted when it works.
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch {
    // Refused as well: the reader copies from the field.
  }
  if (copied) {
    dialog.close();
    return announce(copiedMessage);
  }
  close.onclick = () => dialog.close();
  // Closed (its button, Escape, Android's back gesture), its words would only mislead.
  dialog.addEventListener("close", () => announce(""), { once: true });
  // The field's label, which says to copy the link from it.
  announce(field.labels?.[0]?.textContent ?? "");
}

/**
 * Opens the share sheet with the title and URL. A sheet the reader closed (AbortError) needs
 * nothing more; any other failure (no share sheet at all, NotAllowedError in an in-app browser…)
 * copies the link instead.
 */
export async function shareLink(title: string, url: string, copiedMessage: string): Promise<void> {
  try {
    await navigator.share({ title, url });
  } catch (error) {
    // InvalidStateError: a second tap while the sheet is still open; not a refusal either.
    const name = (error as Error).name;
    if (name !== "AbortError" && name !== "InvalidStateError") await copyLink(url, copiedMessage);
  }
}
