import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { builtPages, readPage } from "../support/built-site";
import {
  FIRST_ROUND_TRIP,
  JS_BUDGET,
  SITE_BUDGET,
  firstScreenBytes,
  jsBytes,
  kindOf,
  siteBytes,
} from "../support/budgets";

/** The byte budgets of tests/support/budgets.ts on every page; a failure names the page, the bytes and the limit. */
const distDir = inject("distDir");
const pages = builtPages(distDir);

describe("byte budgets per built page", () => {
  for (const path of pages) {
    it(`${path}: the first screen (head, inline CSS, header, first paragraph) ≤ ${FIRST_ROUND_TRIP} B gzip`, () => {
      const bytes = firstScreenBytes(distDir, path);
      expect(bytes, `${path}: ${bytes} B gzip, limit ${FIRST_ROUND_TRIP} B`).toBeLessThanOrEqual(
        FIRST_ROUND_TRIP,
      );
    });

    const kind = kindOf(distDir, path);
    it(`${path}: what the site adds around the article's text ≤ ${SITE_BUDGET[kind]} B gzip`, () => {
      const bytes = siteBytes(distDir, path);
      const limit = SITE_BUDGET[kind];
      expect(bytes, `${path}: ${bytes} B gzip (${kind}), limit ${limit} B`).toBeLessThanOrEqual(limit);
    });

    it(`${path}: JavaScript ≤ ${JS_BUDGET} B gzip in total`, () => {
      const bytes = jsBytes(distDir, path);
      expect(bytes, `${path}: ${bytes} B gzip of JavaScript, limit ${JS_BUDGET} B`).toBeLessThanOrEqual(
        JS_BUDGET,
      );
    });
  }
});

describe("nothing blocks the first render", () => {
  for (const path of pages) {
    it(`${path}: one module script, which the parser does not wait for`, () => {
      const { document } = readPage(distDir, path);
      const modules = [...document.querySelectorAll('script[type="module"]')];
      expect(
        modules.map((script) => script.getAttribute("src")),
        path,
      ).toEqual([expect.stringMatching(/^\/_astro\/site\.[\w-]+\.js$/)]);
    });

    it(`${path}: no render-blocking stylesheet or script in <head>, nothing from another origin`, () => {
      const { document } = readPage(distDir, path);
      // The one stylesheet link is for print, which a browser loads without waiting for it.
      const stylesheets = [...document.querySelectorAll('link[rel="stylesheet"]')];
      expect(
        stylesheets.map((link) => [link.getAttribute("href"), link.getAttribute("media")]),
        path,
      ).toEqual([["/print.css", "print"]]);
      for (const script of document.querySelectorAll("head script")) {
        const type = script.getAttribute("type");
        const nonBlocking =
          type === "module" ||
          type === "application/ld+json" ||
          script.hasAttribute("async") ||
          script.hasAttribute("defer");
        // The one inline script: the theme boot, which must run before first paint (BaseLayout.astro,
        // theme-boot.ts). Inline, it waits on no request; it must stay small.
        const inlineBoot = !script.hasAttribute("src") && (script.textContent ?? "").length < 300;
        expect(nonBlocking || inlineBoot, `${path}: ${script.outerHTML.slice(0, 80)}`).toBe(true);
      }
      for (const element of document.querySelectorAll(
        "link[href], script[src], img[src], iframe, source[src]",
      )) {
        if (element.getAttribute("rel") === "canonical") continue;
        const url = element.getAttribute("src") ?? element.getAttribute("href") ?? "";
        // A data: URL is part of the page itself: no request at all.
        const sameOrigin = (url.startsWith("/") && !url.startsWith("//")) || url.startsWith("data:");
        expect(sameOrigin, `${path}: ${url}`).toBe(true);
      }
    });
  }

  it("ships no font files", () => {
    const fonts = readdirSync(distDir, { recursive: true })
      .map(String)
      .filter((file) => /\.(woff2?|ttf|otf|eot)$/i.test(file));
    expect(fonts).toEqual([]);
  });
});

describe("what the page's first response carries besides the article", () => {
  it("loads the lazy quote-link chunk with a bare import(), without Vite's ~0.6 KB preload helper", () => {
    const { document } = readPage(distDir, "/");
    const src = document.querySelector('script[type="module"]')?.getAttribute("src") ?? "";
    const module = readFileSync(join(distDir, src), "utf8");
    expect(module).toMatch(/import\(`\.\/quote-link\.[\w-]+\.js`\)/);
    for (const helperPart of ["modulepreload", "vite:preloadError", "relList"])
      expect(module, helperPart).not.toContain(helperPart);
  });

  for (const path of pages) {
    it(`${path}: the CSP allows by hash exactly the inline scripts and styles the page holds`, () => {
      const { document } = readPage(distDir, path);
      const policy =
        document.querySelector('meta[http-equiv="content-security-policy"]')?.getAttribute("content") ?? "";
      const hashes = (directive: string) =>
        (new RegExp(`${directive} ([^;]*)`).exec(policy)?.[1] ?? "").match(/'sha256-[^']+'/g)?.sort() ?? [];
      const hashOf = (element: Element) =>
        `'sha256-${createHash("sha256")
          .update(element.textContent ?? "")
          .digest("base64")}'`;
      const inlineScripts = [...document.querySelectorAll("script:not([src])")].filter(
        (script) => script.getAttribute("type") !== "application/ld+json",
      );
      expect(hashes("script-src"), path).toEqual(inlineScripts.map(hashOf).sort());
      expect(hashes("style-src"), path).toEqual([...document.querySelectorAll("style")].map(hashOf).sort());
      expect(hashes("script-src").length, path).toBeGreaterThan(0);
    });
  }
});
