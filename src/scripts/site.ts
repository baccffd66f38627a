/**
 * The site's one browser script: every custom element, bundled together so a page loads one
 * small module (one request, one gzip stream) instead of one per component. Each element lives
 * in its own module beside this one; the markup each enhances works without it.
 */
import "./heading-share";
import "./share-bar";
import "./summary-checklist";
import "./theme-switch";
import "./toc-bar";

/**
 * Quote links load on the first text selection: most visits never select text, so they never
 * download that code. Where the browser cannot open text fragments they never load at all.
 */
if ("fragmentDirective" in document && document.querySelector("quote-link")) {
  const loadOnSelection = () => {
    if (document.getSelection()?.isCollapsed !== false) return;
    document.removeEventListener("selectionchange", loadOnSelection);
    void import("./quote-link");
  };
  document.addEventListener("selectionchange", loadOnSelection);
}

// The search page's results (site-search.ts, with its own Pagefind code) load on that page only.
if (document.querySelector("site-search")) void import("./site-search");

// Smooth scrolling (global.css) is switched on by the first click on a link within the page, just
// before the browser follows it: never for the scroll to a shared link's heading as the page
// loads, which must land at once (Chromium re-scrolls to it after load, too late to tell apart).
document.addEventListener(
  "click",
  (event) => {
    if (event.target instanceof Element && event.target.closest('a[href^="#"]'))
      document.documentElement.setAttribute("data-smooth-scroll", "");
  },
  { capture: true },
);
