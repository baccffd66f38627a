import { copyLink, hasShareSheet, shareLink } from "./share";

class ShareBarElement extends HTMLElement {
  connectedCallback() {
    const { title = "", url = "", copied = "" } = this.dataset;
    const sheet = this.querySelector<HTMLElement>('[data-action="share-sheet"]');
    const copy = this.querySelector<HTMLElement>('[data-action="copy"]');
    copy?.addEventListener("click", () => void copyLink(url, copied));
    sheet?.addEventListener("click", () => void shareLink(title, url, copied));
    for (const item of this.querySelectorAll<HTMLElement>("[data-js-only]")) {
      item.hidden = item.contains(sheet) && !hasShareSheet();
    }
  }
}

customElements.define("share-bar", ShareBarElement);
