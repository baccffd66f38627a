import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { overBudget } from "../support/budgets";
import { builtPages, readPage } from "../support/built-site";
import { buildEnvironment, copyProject } from "../support/project-copy";
import { MANUSCRIPT_ARTICLE } from "../support/site";

/**
 * Budgets constrain what the site adds, never what the author writes: a build of the first article
 * with every paragraph written three times (its headings, ids and checklist unchanged) passes
 * every byte budget that the real site's pages pass.
 */
const ARTICLE_FOLDER = MANUSCRIPT_ARTICLE.slice(1, -1);

/** `mdx` with each paragraph of running text three times; frontmatter, headings and components kept. */
function tripleParagraphs(mdx: string): string {
  const [, frontmatter = "", body = mdx] = /^(---\n[\s\S]*?\n---\n)([\s\S]*)$/.exec(mdx) ?? [];
  const tripled = body
    .split("\n")
    .map((line) =>
      /^[^\s#<{>|*-]/.test(line) && !/^\d+\./.test(line) ? `${line}\n\n${line}\n\n${line}` : line,
    )
    .join("\n");
  return frontmatter + tripled;
}

let copyDir = "";
let distDir = "";

beforeAll(() => {
  copyDir = mkdtempSync(join(tmpdir(), "long-article-"));
  copyProject(copyDir);
  const article = join(copyDir, "content/articles", ARTICLE_FOLDER);
  for (const file of [
    join(article, "lead.mdx"),
    ...readdirSync(join(article, "sections")).map((name) => join(article, "sections", name)),
  ])
    writeFileSync(file, tripleParagraphs(readFileSync(file, "utf8")));
  distDir = join(copyDir, "dist");
  execFileSync(process.execPath, [resolve(copyDir, "node_modules/astro/bin/astro.mjs"), "build"], {
    cwd: copyDir,
    stdio: ["ignore", "ignore", "inherit"],
    env: buildEnvironment(),
  });
}, 120_000);

afterAll(() => {
  if (copyDir) rmSync(copyDir, { recursive: true, force: true });
});

describe("an article three times as long as the first one", () => {
  it("is three times as long: the text of the built article's lead and sections", () => {
    const articleText = (dist: string) =>
      [...readPage(dist, MANUSCRIPT_ARTICLE).document.querySelectorAll(".prose-ja")]
        .map((prose) => prose.textContent ?? "")
        .join("").length;
    expect(articleText(distDir) / articleText(inject("distDir"))).toBeGreaterThan(2.7);
  });

  it("passes every byte budget on every page", () => {
    expect(overBudget(distDir)).toEqual([]);
    expect(builtPages(distDir)).toContain(MANUSCRIPT_ARTICLE);
  });
});
