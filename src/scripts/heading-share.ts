import { headingShareLabels } from "../site/ui-strings";
import { copyLink, hasShareSheet, shareLink } from "./share";

/**
 * A heading's share button: the device's share sheet on phones, the clipboard elsewhere. It
 * always sends the section page's URL (the nearest `data-section` around it, written by the page),
 * with the heading's fragment for a subheading, whichever page it is on.
 * The title is the heading's own text (the element follows it in the same `[data-heading-level]`
 * block, in Heading.astro), and the button is named here: it stays hidden until this element is
 * defined, so it never shows unnamed.
 */
class HeadingShareElement extends HTMLElement {
  connectedCallback() {
    const section = this.closest<HTMLElement>("[data-section]")?.dataset["section"];
    // Without the page's URL for its section there is nothing to share: stay hidden (global.css).
    if (!section) return;
    const { fragment } = this.dataset;
    const url = fragment ? `${section}#${fragment}` : section;
    const title =
      this.closest("[data-heading-level]")?.querySelector("h1, h2, h3")?.textContent?.trim() ?? "";
    const button = this.querySelector("button");
    const label = this.querySelector(".sr-only");
    if (!button || !label) return;
    const useSheet = hasShareSheet();
    const { copied } = headingShareLabels;
    label.textContent = useSheet ? headingShareLabels.shareLabel(title) : headingShareLabels.copyLabel(title);
    button.addEventListener(
      "click",
      () => void (useSheet ? shareLink(title, url, copied) : copyLink(url, copied)),
    );
  }
}

customElements.define("heading-share", HeadingShareElement);
