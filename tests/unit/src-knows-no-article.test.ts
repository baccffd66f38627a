import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../support/project-copy";

/**
 * A new article must be a content change only, so no file under src/ may name an article, a
 * section slug or a heading id of any article the site publishes or the tests add.
 */
const ARTICLE_DIRS = [join(PROJECT_ROOT, "content/articles"), join(PROJECT_ROOT, "tests/fixtures/articles")];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Folder names, section slugs and heading ids of every article. */
function contentNames() {
  const articles: string[] = [];
  const slugs = new Set<string>();
  const ids = new Set<string>();
  for (const dir of ARTICLE_DIRS) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      articles.push(entry.name);
      for (const file of filesUnder(join(dir, entry.name))) {
        const text = readFileSync(file, "utf8");
        for (const [, slug] of text.matchAll(/^slug:\s*(\S+)/gm)) if (slug) slugs.add(slug);
        for (const [, id] of text.matchAll(/\{#([a-z][a-z0-9-]*)\}/g)) if (id) ids.add(id);
      }
    }
  }
  return { articles, slugs: [...slugs], ids: [...ids] };
}

describe("src/", () => {
  const { articles, slugs, ids } = contentNames();
  const sources = filesUnder(join(PROJECT_ROOT, "src")).map((file) => ({
    file,
    text: readFileSync(file, "utf8"),
  }));

  it("reads the names it must not contain from the content (the check itself has something to check)", () => {
    expect(articles.length).toBeGreaterThanOrEqual(2);
    expect(slugs).toContain("summary");
    expect(ids.length).toBeGreaterThan(10);
  });

  // As a path, a fragment or a checklist target: the forms in which src/ would hard-wire one. A bare
  // word is not checked, since slugs are ordinary words ("summary" is also a Twitter card type).
  it("names no article folder, and no section slug or heading id as a path, fragment or target", () => {
    const found: string[] = [];
    for (const { file, text } of sources) {
      for (const article of articles) if (text.includes(article)) found.push(`${file}: ${article}`);
      for (const name of [...slugs, ...ids]) {
        for (const form of [`/${name}/`, `#${name}`, `section="${name}"`]) {
          if (text.includes(form)) found.push(`${file}: ${form}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
