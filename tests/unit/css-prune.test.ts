import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { mayMatch, pruneUnusedCss, structuralSelector } from "../../src/lib/css-prune";

const { document } = parseHTML(`<!doctype html><html><body>
  <main><div class="prose"><p>本文</p><ul><li>項目</li></ul></div>
  <nav id="toc" class="toc"><a href="#x" class="toc-link">目次</a></nav>
  <input type="checkbox" id="c"></main></body></html>`);

describe("pruning CSS a page does not use", () => {
  it("drops rules for elements the page does not have (typography for tables, code…)", () => {
    const css =
      ".prose :where(table):not(:where([class~=not-prose] *)){width:100%}.prose :where(p){margin:1em}";
    expect(pruneUnusedCss(css, document)).toBe(".prose :where(p){margin:1em}");
  });

  it("keeps rules whose match depends on state: hover, checked, attributes set by scripts", () => {
    for (const selector of [
      ".toc-link:hover",
      "input:checked",
      ".toc[data-open]",
      ".toc-link[aria-current=location]",
      ":root[data-theme=dark]",
      ".prose :where(p)::after",
      "[hidden]:where(:not([hidden=until-found]))",
    ]) {
      expect(mayMatch(selector, document), selector).toBe(true);
    }
  });

  it("drops selectors one by one from a list, keeping the ones that match", () => {
    expect(pruneUnusedCss("table,p,pre{color:red}", document)).toBe("p{color:red}");
  });

  it("removes @media and @supports blocks left empty, and keeps @keyframes and @property", () => {
    const css =
      "@media (min-width:40rem){table{x:1}}@supports (a:b){figure{x:1}}@keyframes k{from{opacity:0}}@property --x{syntax:'*';inherits:false}";
    expect(pruneUnusedCss(css, document)).toBe(
      "@keyframes k{from{opacity:0}}@property --x{syntax:'*';inherits:false}",
    );
  });

  it("keeps what it cannot evaluate", () => {
    expect(mayMatch("p:unknown-future-pseudo", document)).toBe(true);
    expect(structuralSelector("[data-print=hide]")).toBeUndefined();
  });
});
