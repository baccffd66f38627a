import { buildTextFragment, quoteForSelection } from "../share/text-fragment";
import { copyLink } from "./share";

/** Blocks of author text a quote may come from. */
const BLOCKS = ".prose-ja p, .prose-ja li";

class QuoteLinkElement extends HTMLElement {
  #abort = new AbortController();
  #link: string | undefined;

  connectedCallback() {
    if (!("fragmentDirective" in document)) return;
    const button = this.querySelector("button");
    if (!button) return;
    const { copied = "" } = this.dataset;
    const { signal } = this.#abort;

    const hide = () => {
      this.hidden = true;
      this.#link = undefined;
    };
    const update = () => {
      // The copy fallback (a modal dialog, share.ts) takes focus and the selection while it is
      // open: keep the button, which gets focus back when the dialog closes.
      if (document.querySelector(":modal")) return;
      const selection = document.getSelection();
      const text = selection?.toString() ?? "";
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed || text.trim() === "") {
        // Focus moving onto the button collapses nothing; only hide when focus is elsewhere.
        if (!this.contains(document.activeElement)) hide();
        return;
      }
      const anchorBlock = selection.anchorNode?.parentElement?.closest(BLOCKS);
      const focusBlock = selection.focusNode?.parentElement?.closest(BLOCKS);
      const section = anchorBlock?.closest<HTMLElement>("[data-section]");
      if (!anchorBlock || anchorBlock !== focusBlock || !section) return hide();
      const quote = quoteForSelection(text, anchorBlock.textContent ?? "", section.textContent ?? "");
      if (!quote) return hide();
      // data-section: the URL of the page the block belongs to (the lead's is the full article).
      this.#link = (section.dataset["section"] ?? "") + buildTextFragment(quote);

      const box = selection.getRangeAt(0).getBoundingClientRect();
      const below = box.bottom + 56 < window.innerHeight;
      const top = below ? box.bottom + 8 : box.top - 52;
      this.style.top = `${Math.min(Math.max(8, top), window.innerHeight - 52)}px`;
      this.style.left = `${Math.min(Math.max(8, box.left), window.innerWidth - 260)}px`;
      this.hidden = false;
    };

    let frame = 0;
    document.addEventListener(
      "selectionchange",
      () => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(update);
      },
      { signal },
    );
    button.addEventListener(
      "click",
      () => {
        if (this.#link) void copyLink(this.#link, copied);
      },
      { signal },
    );
    // Loaded on the first selection (site.ts): show the button for the selection already made.
    frame = requestAnimationFrame(update);
    this.addEventListener(
      "keydown",
      (event) => {
        if (event.key === "Escape") hide();
      },
      { signal },
    );
    // Keyboard readers: with text selected and nothing focused, Tab goes to this button first.
    document.addEventListener(
      "keydown",
      (event) => {
        const active = document.activeElement;
        const nothingFocused = !active || active === document.body || active.id === "main";
        if (event.key === "Tab" && !event.shiftKey && !this.hidden && nothingFocused) {
          event.preventDefault();
          button.focus();
        }
      },
      { signal },
    );
  }

  disconnectedCallback() {
    this.#abort.abort();
    this.#abort = new AbortController();
  }
}

customElements.define("quote-link", QuoteLinkElement);
