import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import {
  inlineCode,
  PAGE_STEPS,
  pagePolicy,
  type BuiltPage,
  type PassResult,
} from "../../src/build/page-pass";
import { THEME_BOOT_SCRIPT } from "../../src/scripts/theme-boot";

const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

describe("inline code of a built page", () => {
  it("reads scripts and styles as a browser parses them, not by pattern", () => {
    const html = [
      "<!-- <script>not code</script> -->",
      '<SCRIPT data-type="x">one()</SCRIPT>',
      '<script data-src="a.js">two()</script>',
      '<script type="application/ld+json">{"data":1}</script>',
      '<script src="/external.js"></script>',
      "<style-guide>x</style-guide><style>p{color:red}</style>",
      // Raw text: a quoted ">" ends no tag, and entities stay as written, as a browser runs them.
      '<script data-note="a>b">if (a &amp;&amp; b < c) three()</script >',
    ].join("");
    expect(inlineCode(html)).toEqual({
      scripts: ["one()", "two()", "if (a &amp;&amp; b < c) three()"],
      styles: ["p{color:red}"],
    });
  });
});

describe("the post-build steps, in order", () => {
  it("leave a page whose CSP allows exactly its final inline script and style", () => {
    const html =
      '<!doctype html><html><head><meta http-equiv="content-security-policy" content="default-src &#39;self&#39;; script-src &#39;self&#39; &#39;sha256-stale&#39;; style-src &#39;self&#39; &#39;sha256-stale&#39;">' +
      `<script>${THEME_BOOT_SCRIPT}</script><style>.used{color:red}.unused{color:blue}</style></head>` +
      '<body><p class="used">x</p><script type="module" src="/_astro/site.abc.js"></script></body></html>';
    const page: BuiltPage = { file: "x.html", path: "/", html };
    for (const step of PAGE_STEPS) step.run(page, { ms: 0, before: 0, after: 0 });
    const { scripts, styles } = inlineCode(page.html);
    // The module script and the site's one stylesheet stay as Astro wrote them.
    expect(scripts).toEqual([THEME_BOOT_SCRIPT]);
    expect(page.html).toContain('<script type="module" src="/_astro/site.abc.js"></script>');
    expect(styles).toEqual([".used{color:red}.unused{color:blue}"]);
    const policy = pagePolicy(page.html) ?? "";
    expect(policy).toContain(`script-src 'self' ${hash(scripts[0] ?? "")}`);
    expect(policy).toContain(`style-src 'self' ${hash(styles[0] ?? "")}`);
    expect(policy).not.toContain("stale");
  });

  it("leave a page they have been through as it is: dist/ is kept between builds", () => {
    const html =
      '<!doctype html><html><head><meta http-equiv="content-security-policy" content="default-src &#39;self&#39;; script-src &#39;self&#39; &#39;sha256-stale&#39;; style-src &#39;self&#39;">' +
      `<script>${THEME_BOOT_SCRIPT}</script><style>p{color:red}</style></head><body><p>x</p></body></html>`;
    const page: BuiltPage = { file: "x.html", path: "/", html };
    for (const step of PAGE_STEPS) step.run(page, { ms: 0, before: 0, after: 0 });
    const once = page.html;
    expect(once).not.toBe(html);
    for (const step of PAGE_STEPS) step.run(page, { ms: 0, before: 0, after: 0 });
    expect(page.html).toBe(once);
  });
});

describe("the page pass over a built site", () => {
  it("keeps nothing of a page's text once done with it: large pages pass in a heap smaller than them", async () => {
    const root = mkdtempSync(join(tmpdir(), "page-pass-"));
    try {
      // 300 pages of about 190 KB in memory each (Japanese text is two bytes a character in V8):
      // about 57 MB in all, in a heap of 24 MB.
      const text = "<p>本文です。</p>".repeat(8_000);
      for (let index = 0; index < 300; index += 1) {
        mkdirSync(join(root, `p${index}`));
        writeFileSync(
          join(root, `p${index}`, "index.html"),
          '<!doctype html><html><head><meta http-equiv="content-security-policy" content="default-src &#39;self&#39;; script-src &#39;self&#39;; style-src &#39;self&#39;">' +
            `<style>.p${index}{color:red}</style></head><body>${text}</body></html>`,
        );
      }
      const result = await new Promise<PassResult>((resolve, reject) => {
        const worker = new Worker(new URL("../../src/build/page-pass-worker.ts", import.meta.url), {
          workerData: { root, cacheFile: undefined },
          resourceLimits: { maxOldGenerationSizeMb: 24 },
        });
        worker.once("message", resolve);
        worker.once("error", reject);
        worker.once("exit", (code) => reject(new Error(`the page pass stopped (exit code ${code})`)));
      });
      expect(result.pages).toHaveLength(300);
      expect(result.pages.find((page) => page.path === "/p7/")?.policy).toContain(
        `style-src 'self' ${hash(".p7{color:red}")}`,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
