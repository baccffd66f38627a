import type { AstroIntegration } from "astro";
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parseHTML } from "linkedom";
import { gzipSync } from "node:zlib";
import { pruneUnusedCss } from "../lib/css-prune";
import { htmlFiles } from "./built-files";

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

/**
 * After the build, each page's inline stylesheet loses the rules that match nothing on that page
 * (see css-prune.ts), and the page's CSP <meta> is updated to the new hash of the stylesheet, so
 * the smaller style is still the only one allowed. Runs before static-headers, which reads the
 * final policies.
 */
export function pruneCss(): AstroIntegration {
  return {
    name: "prune-css",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        let before = 0;
        let after = 0;
        for (const file of await htmlFiles(root)) {
          let html = await readFile(file, "utf8");
          const { document } = parseHTML(html);
          for (const style of document.querySelectorAll("style")) {
            const css = style.textContent ?? "";
            const pruned = pruneUnusedCss(css, document);
            if (pruned === css) continue;
            if (!html.includes(css)) throw new Error(`${file}: could not find its stylesheet verbatim`);
            before += gzipSync(css).length;
            after += gzipSync(pruned).length;
            html = html.replace(css, () => pruned).replace(sha256(css), () => sha256(pruned));
          }
          await writeFile(file, html);
        }
        logger.info(`unused CSS removed: ${before} → ${after} B gzip over all pages`);
      },
    },
  };
}
