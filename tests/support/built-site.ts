import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseHTML } from "linkedom";

/** Every HTML file of a built site, as site paths (`/`, `/reasons/`, `/404.html`). */
export function builtPages(distDir: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".html")) {
        const rel = `/${relative(distDir, path).split("\\").join("/")}`;
        pages.push(rel.endsWith("/index.html") ? rel.slice(0, -"index.html".length) : rel);
      }
    }
  };
  walk(distDir);
  return pages.sort();
}

export function readPage(distDir: string, sitePath: string): { html: string; document: Document } {
  const file = sitePath.endsWith("/") ? join(distDir, sitePath, "index.html") : join(distDir, sitePath);
  const html = readFileSync(file, "utf8");
  return { html, document: parseHTML(html).document };
}

/** The text a reader sees in `<main>`, without the visually hidden labels of controls. */
export function mainText(document: Document): string {
  const main = document.querySelector("main");
  if (!main) throw new Error("page has no <main>");
  const copy = main.cloneNode(true) as HTMLElement;
  for (const hidden of copy.querySelectorAll(".sr-only, [aria-hidden='true'], script, style"))
    hidden.remove();
  return copy.textContent ?? "";
}
