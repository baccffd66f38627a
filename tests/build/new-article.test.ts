import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildEnvironment, copyProject } from "../support/project-copy";

/**
 * `npm run new -- <folder>` (src/cli/new-article.ts) in a copy of the project: the draft it makes
 * builds as it is and stays out of the built site; a bad or taken folder name is refused with the
 * rule. (tests/build/dev-drafts.test.ts shows the scaffold in `npm run dev`.)
 */
let copyDir = "";
const run = (...args: string[]) =>
  spawnSync(process.execPath, args, { cwd: copyDir, env: buildEnvironment(), encoding: "utf8" });
const newArticle = (name?: string) => run("src/cli/new-article.ts", ...(name ? [name] : []));

beforeAll(() => {
  copyDir = mkdtempSync(join(tmpdir(), "new-article-"));
  copyProject(copyDir);
});

afterAll(() => {
  if (copyDir) rmSync(copyDir, { recursive: true, force: true });
});

describe("npm run new", () => {
  it("makes a draft with a lead and numbered sections that passes check-content, builds, and stays out of the site", () => {
    const made = newArticle("lunch-invitation");
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toContain("npm run dev");
    const folder = join(copyDir, "content/articles/lunch-invitation");
    expect(readdirSync(folder).sort()).toEqual(["lead.mdx", "sections"]);
    expect(readdirSync(join(folder, "sections")).sort()).toEqual([
      "01-first.mdx",
      "02-second.mdx",
      "03-summary.mdx",
    ]);
    const checked = run("src/cli/check-content.ts");
    expect(checked.status, checked.stderr).toBe(0);
    const build = run(resolve(copyDir, "node_modules/astro/bin/astro.mjs"), "build");
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    expect(existsSync(join(copyDir, "dist/lunch-invitation"))).toBe(false);
  }, 120_000);

  it("refuses a folder name that cannot be a URL, or one already taken, saying the rule", () => {
    const bad = newArticle("Lunch_Invitation");
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("英小文字で始まり");
    const taken = newArticle("line-koukan");
    expect(taken.status).not.toBe(0);
    expect(taken.stderr).toContain("もうあります");
    const none = newArticle();
    expect(none.status).not.toBe(0);
    expect(none.stderr).toContain("npm run new --");
  });
});
