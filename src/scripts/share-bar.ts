import { copyLink, hasShareSheet, shareLink } from "./share";

class ShareBarElement extends HTMLElement {
  connectedCallback() {
    const { copied = "" } = this.dataset;
    const sheet = this.querySelector<HTMLElement>('[data-action="share-sheet"]');
    const copy = this.querySelector<HTMLElement>('[data-action="copy"]');
    // Read when used: the search page points the bar at the current search.
    copy?.addEventListener("click", () => void copyLink(this.dataset["url"] ?? "", copied));
    sheet?.addEventListener(
      "click",
      () => void shareLink(this.dataset["title"] ?? "", this.dataset["url"] ?? "", copied),
    );
    for (const item of this.querySelectorAll<HTMLElement>("[data-js-only]")) {
      item.hidden = item.contains(sheet) && !hasShareSheet();
    }
  }
}

customElements.define("share-bar", ShareBarElement);
