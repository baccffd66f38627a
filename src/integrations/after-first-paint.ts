import type { AstroIntegration } from "astro";
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { loadModulesAfterFirstPaint } from "../lib/deferred-scripts";
import { THEME_BOOT_SCRIPT } from "../lib/theme-boot";
import { htmlFiles } from "./built-files";

/**
 * After the build, each page loads its module scripts after its first paint (deferred-scripts.ts).
 * Runs before prune-css, whose policy rewrite then allows the longer inline script by its hash.
 */
export function afterFirstPaint(): AstroIntegration {
  return {
    name: "after-first-paint",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const started = performance.now();
        let pages = 0;
        for (const file of await htmlFiles(fileURLToPath(dir))) {
          const html = await readFile(file, "utf8");
          const deferred = loadModulesAfterFirstPaint(html, THEME_BOOT_SCRIPT);
          if (deferred === html) continue;
          await writeFile(file, deferred);
          pages += 1;
        }
        logger.info(
          `module scripts load after first paint on ${pages} pages (${Math.round(performance.now() - started)} ms)`,
        );
      },
    },
  };
}
