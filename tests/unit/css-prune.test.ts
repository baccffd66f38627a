import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { mayMatch, pruneUnusedCss, structuralSelector } from "../../src/build/css-prune";

const { document } = parseHTML(`<!doctype html><html><body>
  <main><div class="prose"><p class="size-[1.1rem] lg:row-[1/span_100] before:content-['→']">本文</p><ul><li>項目</li></ul></div>
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
      "@media (min-width:40rem){table{x:1}}@supports (a:b){figure{x:1}}@keyframes k{from{opacity:0}}@property --x{syntax:'*';inherits:false}p{translate:var(--x)}";
    expect(pruneUnusedCss(css, document)).toBe(
      "@keyframes k{from{opacity:0}}@property --x{syntax:'*';inherits:false}p{translate:var(--x)}",
    );
  });

  it("drops custom properties nothing reads, with their @property, until none is left unread", () => {
    const css = [
      "@layer properties{*{--tw-skew-x:initial;--tw-translate-x:0}}",
      ":root{--color-ink:#111;--font-mono:monospace;--tw-prose-invert-body:var(--color-ink)}",
      ".prose{--tw-prose-body:var(--color-ink);--tw-prose-links:var(--tw-prose-bold);--tw-prose-bold:#000;color:var(--tw-prose-body)}",
      "p{translate:var(--tw-translate-x)}",
      "@property --tw-skew-x{syntax:'*';inherits:false}",
      "@property --tw-translate-x{syntax:'*';inherits:false;initial-value:0}",
    ].join("");
    expect(pruneUnusedCss(css, document)).toBe(
      [
        "@layer properties{*{--tw-translate-x:0}}",
        ":root{--color-ink:#111}",
        ".prose{--tw-prose-body:var(--color-ink);color:var(--tw-prose-body)}",
        "p{translate:var(--tw-translate-x)}",
        "@property --tw-translate-x{syntax:'*';inherits:false;initial-value:0}",
      ].join(""),
    );
  });

  it("reads escaped and container-query property names as reads", () => {
    const css =
      ":root{--w-1\\.5:1px;--w-1:2px;--tone:dark}p{width:var(--w-1\\.5)}@container style(--tone: dark){p{color:red}}";
    expect(pruneUnusedCss(css, document)).toBe(
      ":root{--w-1\\.5:1px;--tone:dark}p{width:var(--w-1\\.5)}@container style(--tone: dark){p{color:red}}",
    );
  });

  it("keeps a custom property the page's markup reads in a style attribute", () => {
    const css = ":root{--gap:1rem;--unused:2rem}";
    expect(pruneUnusedCss(css, document, '<p style="margin:var(--gap)">')).toBe(":root{--gap:1rem}");
  });

  it("keeps `@layer a, b;` order statements and drops layers left empty", () => {
    expect(pruneUnusedCss("@layer theme, base;@layer theme{:root{--x:1}}@layer components;", document)).toBe(
      "@layer theme, base;@layer components;",
    );
  });

  it("drops styles for form controls the page does not have (date, file, number, search, placeholder)", () => {
    for (const selector of [
      "::-webkit-datetime-edit-year-field",
      "::-webkit-date-and-time-value",
      "::-webkit-calendar-picker-indicator",
      "::file-selector-button",
      "::-webkit-inner-spin-button",
      "::-webkit-search-decoration",
      "::placeholder",
    ]) {
      expect(mayMatch(selector, document), selector).toBe(false);
    }
    const { document: form } = parseHTML(
      '<html><body><input type="date"><input type="file"><input type="number" placeholder="0"><input type="search"></body></html>',
    );
    for (const selector of [
      "::-webkit-datetime-edit",
      "::file-selector-button",
      "::-webkit-outer-spin-button",
      "::placeholder",
    ]) {
      expect(mayMatch(selector, form), selector).toBe(true);
    }
  });

  it("reads Tailwind's escaped class names (brackets, slashes, colons) as classes, not attributes", () => {
    expect(mayMatch(".size-\\[1\\.1rem\\]", document)).toBe(true);
    expect(mayMatch(".lg\\:row-\\[1\\/span_100\\]", document)).toBe(true);
    expect(mayMatch(".aria-\\[current\\]\\:font-bold[aria-current]", document)).toBe(false);
    expect(mayMatch(".size-\\[2rem\\]", document)).toBe(false);
    expect(mayMatch(".before\\:content-\\[\\'→\\'\\]::before", document)).toBe(true);
    expect(structuralSelector(".toc-link[aria-current]")).toBe(".toc-link");
  });

  it("keeps what it cannot evaluate", () => {
    expect(mayMatch("p:unknown-future-pseudo", document)).toBe(true);
    expect(structuralSelector("[data-print=hide]")).toBeUndefined();
  });
});
