import type { AstroIntegration } from "astro";
import { readFile, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { buildHeadersFile } from "../lib/security-headers";
import { htmlFiles } from "./built-files";

/**
 * Writes dist/_headers after the build, from the CSP each page carries in its <meta>: the hashes
 * are only known once the pages are rendered, so the file cannot be written by hand in public/.
 */
export function staticHeaders(): AstroIntegration {
  return {
    name: "static-headers",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const policies: string[] = [];
        const paths: string[] = [];
        for (const file of await htmlFiles(root)) {
          const path = `/${relative(root, file).split(sep).join("/")}`;
          paths.push(path.endsWith("/index.html") ? path.slice(0, -"index.html".length) : path);
          const html = await readFile(file, "utf8");
          const policy = /<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(html)?.[1];
          if (!policy) throw new Error(`${file}: no Content-Security-Policy <meta>; is security.csp on?`);
          policies.push(policy.replaceAll("&#39;", "'"));
        }
        await writeFile(join(root, "_headers"), buildHeadersFile(policies, paths.sort()));
        logger.info(`_headers written from ${policies.length} pages' policies`);
      },
    },
  };
}
