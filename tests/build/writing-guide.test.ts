import { spawnSync } from "node:child_process";
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leadSchema, sectionSchema } from "../../src/article/schema";
import { buildEnvironment, copyProject, PROJECT_ROOT } from "../support/project-copy";

/**
 * The owner's writing guide (content/README.md) cannot drift from the code: its example files are
 * written into a copy of the project, which must pass `npm run check-content` and build into the
 * pages the guide promises; its sample report is what check-content prints for the mistake it
 * names; and its tables name every frontmatter field the schemas have.
 */
const GUIDE = readFileSync(resolve(PROJECT_ROOT, "content/README.md"), "utf8");

interface Block {
  language: string;
  title: string | undefined;
  text: string;
}

const blocks: Block[] = [...GUIDE.matchAll(/^```(\w+)(?: title="([^"]+)")?\n([\s\S]*?)^```$/gm)].map(
  (match) => ({
    language: match[1] ?? "",
    title: match[2],
    text: match[3] ?? "",
  }),
);
const files = blocks.filter((block) => block.language === "mdx" || block.title === "content/tags.yaml");
const sample = blocks.find((block) => block.title === "npm run check-content");

let copyDir = "";
const run = (...args: string[]) =>
  spawnSync(process.execPath, args, { cwd: copyDir, env: buildEnvironment(), encoding: "utf8" });

beforeAll(async () => {
  copyDir = mkdtempSync(join(tmpdir(), "writing-guide-"));
  copyProject(copyDir);
  for (const { title, text } of files) {
    if (!title) continue;
    const target = join(copyDir, title);
    mkdirSync(dirname(target), { recursive: true });
    // The tags example is lines to add to the file that is there.
    if (title === "content/tags.yaml") appendFileSync(target, text);
    else writeFileSync(target, text);
    // The pictures the examples show, as the owner would put them in images/.
    for (const [, picture] of text.matchAll(/\]\(\.\.\/images\/([^ )]+)/g)) {
      const image = join(dirname(target), "..", "images", picture ?? "");
      mkdirSync(dirname(image), { recursive: true });
      await sharp({ create: { width: 1280, height: 853, channels: 3, background: "#8cc5a7" } })
        .png()
        .toFile(image);
    }
  }
});

afterAll(() => {
  if (copyDir) rmSync(copyDir, { recursive: true, force: true });
});

describe("the writing guide (content/README.md)", () => {
  it("gives every MDX example as a whole file with its place in content/articles/", () => {
    const mdx = blocks.filter((block) => block.language === "mdx");
    expect(mdx.length).toBeGreaterThanOrEqual(3);
    for (const block of mdx)
      expect(block.title, block.text.slice(0, 80)).toMatch(/^content\/articles\/[a-z0-9-]+\//);
  });

  it("names every frontmatter field a lead or a section may have", () => {
    for (const field of [...Object.keys(leadSchema.shape), ...Object.keys(sectionSchema.shape)]) {
      expect(GUIDE, field).toContain(`| \`${field}\``);
    }
  });

  it("shows the report check-content really prints for the mistake it describes", () => {
    expect(sample).toBeDefined();
    const [line = ""] = (sample?.text ?? "").split("\n");
    const [file = ""] = line.split(":");
    const path = join(copyDir, file);
    const original = readFileSync(path, "utf8");
    // The mistake the guide describes: a heading without its {#id}.
    writeFileSync(path, original.replace(/^(### .+?) \{#[a-z0-9-]+\}$/m, "$1"));
    try {
      const checked = run("src/cli/check-content.ts");
      expect(checked.status).toBe(1);
      expect(checked.stderr).toContain(line);
    } finally {
      writeFileSync(path, original);
    }
  });

  it("has examples that pass npm run check-content and build into the article's pages", () => {
    const checked = run("src/cli/check-content.ts");
    expect(checked.status, checked.stderr).toBe(0);
    expect(checked.stdout).toContain("問題は見つかりませんでした");

    const build = run(resolve(copyDir, "node_modules/astro/bin/astro.mjs"), "build");
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    const page = (path: string) => readFileSync(join(copyDir, "dist", path, "index.html"), "utf8");
    const article = page("aisatsu-no-kotsu");
    expect(article).toContain("職場の挨拶を続けるコツ");
    expect(article).toContain('id="timing"');
    expect(article).toMatch(/<picture><source [^>]*type="image\/avif"/);
    expect(article).toContain("ポイント");
    expect(article).toContain('id="point-morning"');
    expect(existsSync(join(copyDir, "dist/aisatsu-no-kotsu/morning/index.html"))).toBe(true);
    expect(existsSync(join(copyDir, "dist/aisatsu-no-kotsu/summary/index.html"))).toBe(true);
    // The tag the guide adds has its page, listing the article.
    expect(page("tags/greetings")).toContain("/aisatsu-no-kotsu/");
  }, 180_000);
});
