import { headingShareLabels } from "../site/ui-strings";
import { HEADING_SHARE_TEMPLATE_ID } from "./heading-share-template";
import { copyLink, hasShareSheet, shareLink } from "./share";

/**
 * A heading's share button: the device's share sheet on phones, the clipboard elsewhere. It
 * always sends the section page's URL (the nearest `data-section` around it, written by the page),
 * with the heading's fragment for a subheading, whichever page it is on.
 * The title is the heading's own text (the element follows it in the same `[data-heading-level]`
 * block, in Heading.astro). The element is empty in the markup: the button is copied in here from
 * the page's one template (HeadingShareTemplate.astro) and named for what it will do, so it never
 * shows unnamed.
 */
class HeadingShareElement extends HTMLElement {
  connectedCallback() {
    const section = this.closest<HTMLElement>("[data-section]")?.dataset["section"];
    // Without the page's URL for its section there is nothing to share: stay hidden (global.css).
    if (!section) return;
    const heading = this.closest("[data-heading-level]")?.querySelector("h1, h2, h3");
    const url = this.hasAttribute("data-fragment") && heading ? `${section}#${heading.id}` : section;
    const title = heading?.textContent?.trim() ?? "";
    const template = document.getElementById(HEADING_SHARE_TEMPLATE_ID) as HTMLTemplateElement | null;
    if (!template || this.firstElementChild) return;
    this.append(template.content.cloneNode(true));
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
