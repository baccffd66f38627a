import { headingShareLabels } from "../lib/ui-strings";
import { copyLink, hasShareSheet, shareLink } from "./share";

/**
 * A heading's share button: the device's share sheet on phones, the clipboard elsewhere. It
 * always sends the section page's URL with the heading's fragment, whichever page it is on.
 */
class HeadingShareElement extends HTMLElement {
  connectedCallback() {
    const { url = "", title = "" } = this.dataset;
    const button = this.querySelector("button");
    const label = this.querySelector(".sr-only");
    if (!button || !label) return;
    const useSheet = hasShareSheet();
    label.textContent = useSheet ? headingShareLabels.shareLabel(title) : headingShareLabels.copyLabel(title);
    button.addEventListener("click", () =>
      useSheet ? void shareLink(title, url) : void copyLink(url, headingShareLabels.copied),
    );
  }
}

customElements.define("heading-share", HeadingShareElement);
