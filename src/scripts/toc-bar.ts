class TocBarElement extends HTMLElement {
  #abort = new AbortController();

  connectedCallback() {
    // A link without JavaScript; with it, a disclosure button for the table of contents.
    const button = this.querySelector<HTMLAnchorElement>("a[aria-controls]");
    const currentLabel = this.querySelector<HTMLElement>("[data-current]");
    const toc = document.getElementById(button?.getAttribute("aria-controls") ?? "");
    if (!button || !currentLabel || !toc) return;
    const { signal } = this.#abort;

    // Links to headings on this page, except the entry already marked as this page.
    const tracked = [...toc.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')]
      .filter((link) => link.getAttribute("aria-current") !== "page")
      .map((link) => ({ link, target: document.getElementById(decodeURIComponent(link.hash.slice(1))) }))
      .filter((entry): entry is { link: HTMLAnchorElement; target: HTMLElement } => entry.target !== null);
    const pageEntry = toc.querySelector<HTMLAnchorElement>('a[aria-current="page"]');
    const textOf = (link: Element | null) =>
      link?.querySelector("[data-toc-text]")?.textContent?.trim() ?? "";

    let current: HTMLAnchorElement | undefined;
    // On a section page the bar names that section until a subheading takes over.
    currentLabel.textContent = textOf(pageEntry);
    const update = () => {
      const line = Math.min(window.innerHeight * 0.3, 200);
      let next: HTMLAnchorElement | undefined;
      // Headings come in page order, so the first one below the line ends the search: the
      // sections the browser has not laid out yet (global.css) are not laid out to be measured.
      for (const { link, target } of tracked) {
        if (target.getBoundingClientRect().top > line) break;
        next = link;
      }
      if (next === current) return;
      current?.removeAttribute("aria-current");
      next?.setAttribute("aria-current", "location");
      current = next;
      // The bar names the section (the top-level entry), not the subheading.
      currentLabel.textContent = textOf(next?.closest("ol > li")?.querySelector("a") ?? pageEntry);
    };
    // Once per frame while the page scrolls, and so also where a scroll comes to rest: an
    // IntersectionObserver only reports crossings, and after a jump the last crossing it reported
    // could be the heading before the one the reader landed on.
    let frame = 0;
    const onScroll = () => {
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        update();
        // The panel starts where the bar ends (under the site header until the bar sticks).
        if (toc.hasAttribute("data-open")) placePanel();
      });
    };
    addEventListener("scroll", onScroll, { passive: true, signal });
    addEventListener("resize", onScroll, { passive: true, signal });

    const placePanel = () =>
      toc.style.setProperty("--toc-top", `${Math.max(0, this.getBoundingClientRect().bottom)}px`);
    const setOpen = (open: boolean, { returnFocus = false } = {}) => {
      button.setAttribute("aria-expanded", String(open));
      if (open) placePanel();
      toc.toggleAttribute("data-open", open);
      if (open) toc.querySelector<HTMLAnchorElement>("a")?.focus({ preventScroll: true });
      else if (returnFocus) button.focus();
    };
    button.setAttribute("role", "button");
    button.setAttribute("aria-expanded", "false");
    const toggle = (event: Event) => {
      event.preventDefault();
      setOpen(button.getAttribute("aria-expanded") !== "true");
    };
    button.addEventListener("click", toggle, { signal });
    // Links answer Enter only; a button also answers Space.
    button.addEventListener("keydown", (event) => event.key === " " && toggle(event), { signal });
    toc.addEventListener(
      "click",
      (event) => {
        if (event.target instanceof Element && event.target.closest("a")) setOpen(false);
      },
      { signal },
    );
    document.addEventListener(
      "keydown",
      (event) => {
        if (event.key === "Escape" && toc.hasAttribute("data-open")) setOpen(false, { returnFocus: true });
      },
      { signal },
    );
    // Tabbing out of the open panel closes it, so focus never lands on content it covers.
    toc.addEventListener(
      "focusout",
      (event) => {
        const next = event.relatedTarget;
        if (toc.hasAttribute("data-open") && next instanceof Node && !toc.contains(next) && next !== button) {
          setOpen(false);
        }
      },
      { signal },
    );

    update();
  }

  disconnectedCallback() {
    this.#abort.abort();
    this.#abort = new AbortController();
  }
}

customElements.define("toc-bar", TocBarElement);
