import type { AstroIntegration } from "astro";
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parseHTML } from "linkedom";
import { gzipSync } from "node:zlib";
import { pruneUnusedCss } from "../lib/css-prune";
import { policyForInlined } from "../lib/security-headers";
import { htmlFiles } from "./built-files";

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

/** Script types a browser runs, so the CSP must allow them (JSON-LD is data, never run). */
const EXECUTABLE_SCRIPT = /^(?:|module|text\/javascript|application\/javascript)$/i;

const CSP_META = /(<meta http-equiv="content-security-policy" content=")([^"]*)(")/;

/**
 * After the build, each page's inline stylesheet loses the rules that match nothing on that page
 * (see css-prune.ts), and the page's CSP <meta> is rewritten to allow by hash exactly the inline
 * scripts and styles the page holds: the smaller stylesheet, and none of the hashes Astro lists
 * for inline code this page does not have. Runs before static-headers, which reads the final
 * policies.
 */
export function pruneCss(): AstroIntegration {
  return {
    name: "prune-css",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const started = performance.now();
        const root = fileURLToPath(dir);
        let before = 0;
        let after = 0;
        for (const file of await htmlFiles(root)) {
          let html = await readFile(file, "utf8");
          const { document } = parseHTML(html);
          const styles: string[] = [];
          for (const style of document.querySelectorAll("style")) {
            const css = style.textContent ?? "";
            // The markup minus this stylesheet: a style attribute may read a custom property.
            const pruned = pruneUnusedCss(css, document, html.replace(css, ""));
            styles.push(pruned);
            if (pruned === css) continue;
            if (!html.includes(css)) throw new Error(`${file}: could not find its stylesheet verbatim`);
            before += gzipSync(css).length;
            after += gzipSync(pruned).length;
            html = html.replace(css, () => pruned);
          }
          const scripts = [...document.querySelectorAll("script:not([src])")]
            .filter((script) => EXECUTABLE_SCRIPT.test(script.getAttribute("type") ?? ""))
            .map((script) => script.textContent ?? "");
          html = tightenPolicy(file, html, { scripts, styles });
          await writeFile(file, html);
        }
        logger.info(
          `unused CSS removed: ${before} → ${after} B gzip over all pages (${Math.round(performance.now() - started)} ms)`,
        );
      },
    },
  };
}

/** `html` with its CSP <meta> allowing by hash only the inline scripts and styles it holds. */
function tightenPolicy(
  file: string,
  html: string,
  inlined: { scripts: readonly string[]; styles: readonly string[] },
): string {
  if (!CSP_META.test(html))
    throw new Error(`${file}: no Content-Security-Policy <meta>; is security.csp on?`);
  return html.replace(CSP_META, (_match, start: string, policy: string, end: string) => {
    const tightened = policyForInlined(policy.replaceAll("&#39;", "'"), {
      scripts: inlined.scripts.map(sha256),
      styles: inlined.styles.map(sha256),
    });
    return `${start}${tightened}${end}`;
  });
}
