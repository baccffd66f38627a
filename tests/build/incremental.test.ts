import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildEnvironment, copyProject, FIXTURE_ARTICLES_DIR } from "../support/project-copy";

/**
 * Astro's incremental build with the site's cache keys (src/article/cache-keys.ts): a rebuild
 * renders the pages that show a change and restores every other page of a dynamic route. What was
 * rendered is read from the build's own report, where a reused page is marked `(restored)`.
 */
let copyDir = "";
const article = (...parts: string[]) => join(copyDir, "content/articles", ...parts);

interface BuildReport {
  rendered: Set<string>;
  restored: Set<string>;
  /** The build's warnings, which a clean build has none of. */
  warnings: string[];
  /** How many files the post-build pass removed as left over from earlier builds. */
  removed: number;
}

function build(): BuildReport {
  const result = spawnSync(
    process.execPath,
    [resolve(copyDir, "node_modules/astro/bin/astro.mjs"), "build"],
    {
      cwd: copyDir,
      env: buildEnvironment(),
      encoding: "utf8",
    },
  );
  if (result.status !== 0) throw new Error(`astro build failed:\n${result.stdout}\n${result.stderr}`);
  const log = `${result.stdout}\n${result.stderr}`;
  const report: BuildReport = {
    rendered: new Set(),
    restored: new Set(),
    warnings: log.split("\n").filter((line) => /\[WARN\]/.test(line)),
    removed: Number(/(\d+) files left from earlier builds removed/.exec(log)?.[1] ?? Number.NaN),
  };
  for (const [, path = "", rest = ""] of log.matchAll(/[├└]─ (\S+)(.*)$/gm))
    (rest.includes("(restored)") || rest.includes("(cached)") ? report.restored : report.rendered).add(path);
  return report;
}

/** `npm run build`'s last step, the search index: what it says it did. */
function searchIndex(): string {
  const result = spawnSync(process.execPath, [join(copyDir, "src/build/search-index.ts")], {
    cwd: copyDir,
    env: buildEnvironment(),
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`search-index failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** The dynamic pages of an article: its full page and its section pages, as Astro names their files. */
const pagesOf = (report: BuildReport, slug: string) =>
  [...report.rendered].filter((path) => path.startsWith(`/${slug}/`) && path.endsWith(".html")).sort();

function edit(file: string, from: string, to: string) {
  const text = readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
  writeFileSync(file, text.replace(from, to));
}

/** Every file of the built site by its path, as bytes in base64 (share cards and icons too). */
function distFiles(): Map<string, string> {
  const dist = join(copyDir, "dist");
  return new Map(
    readdirSync(dist, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const file = join(entry.parentPath, entry.name);
        return [file.slice(dist.length), readFileSync(file).toString("base64")] as const;
      }),
  );
}

function distHtml(): string[] {
  const dist = join(copyDir, "dist");
  return (
    readdirSync(dist, { recursive: true })
      .map(String)
      .filter((file) => file.endsWith(".html"))
      // Without BudouX's line-break hints, so a title reads as one string.
      .map((file) => readFileSync(join(dist, file), "utf8").replaceAll("<wbr>", ""))
  );
}

let first: BuildReport;
let unchanged: BuildReport;
let firstFiles: Map<string, string>;
let unchangedFiles: Map<string, string>;
/** The pages without a cacheKey, which Astro renders on every build: 404, feed, search, the tag index… */
let alwaysRendered: string[];

beforeAll(() => {
  copyDir = mkdtempSync(join(tmpdir(), "incremental-"));
  copyProject(copyDir);
  cpSync(join(FIXTURE_ARTICLES_DIR, "aisatsu"), article("aisatsu"), { recursive: true });
  first = build();
  firstFiles = distFiles();
  unchanged = build();
  unchangedFiles = distFiles();
  alwaysRendered = [...unchanged.rendered].sort();
}, 120_000);

afterAll(() => {
  if (copyDir) rmSync(copyDir, { recursive: true, force: true });
});

describe("incremental production builds", () => {
  it("render everything the first time, and nothing of a dynamic route when nothing changed", () => {
    expect(first.restored.size).toBe(0);
    // Nothing the owner cannot act on (rolldown's MODULE_LEVEL_DIRECTIVE, once per MDX file, is filtered).
    expect(first.warnings).toEqual([]);
    expect(unchanged.restored.size).toBeGreaterThan(20);
    // Nothing is left over when nothing changed, not even the file the pass itself writes again.
    expect(unchanged.removed).toBe(0);
    for (const path of alwaysRendered)
      expect(path, "only fixed-path pages and files are rendered again").not.toMatch(
        /^\/(?:og|page|tags\/[^/]+|line-koukan|aisatsu)\/|^\/index\.html$/,
      );
    expect(alwaysRendered).toContain("/404.html");
  });

  it("write the same site, byte for byte, from what they restore as from a full build", () => {
    expect([...unchangedFiles.keys()].sort()).toEqual([...firstFiles.keys()].sort());
    const differing = [...firstFiles]
      .filter(([path, bytes]) => unchangedFiles.get(path) !== bytes)
      .map(([path]) => path);
    expect(differing).toEqual([]);
  });

  it("render a section's page and its full article when one sentence of the section changes, no other", () => {
    edit(article("aisatsu/sections/02-habits.mdx"), "届きやすくなります。", "届きやすくなるものです。");
    const report = build();
    expect([...report.rendered].filter((path) => !alwaysRendered.includes(path)).sort()).toEqual(
      ["/aisatsu/habits/index.html", "/aisatsu/index.html"].sort(),
    );
  });

  it("render another article's related reading when this article's title changes (no stale page)", () => {
    const lead = article("line-koukan/lead.mdx");
    const oldTitle = "title: 職場でLINE交換を断られたら";
    edit(lead, oldTitle, "title: 職場でLINE交換を断られたときに");
    const report = build();
    // aisatsu lists line-koukan as related reading on its full article and its summary page.
    expect(pagesOf(report, "aisatsu")).toEqual(["/aisatsu/index.html", "/aisatsu/summary/index.html"]);
    expect(report.rendered).toContain("/og/line-koukan.png");
    expect(
      [...report.rendered].some((path) => path.startsWith("/tags/") && path !== "/tags/index.html"),
    ).toBe(true);
    const aisatsu = readFileSync(join(copyDir, "dist/aisatsu/index.html"), "utf8").replaceAll("<wbr>", "");
    expect(aisatsu).toContain("職場でLINE交換を断られたときに");
    // Nothing served still carries the old title.
    expect(distHtml().filter((html) => html.includes("職場でLINE交換を断られたら<"))).toEqual([]);
  });

  it("render a new article's pages and the pages that list it when an article is added", () => {
    cpSync(join(FIXTURE_ARTICLES_DIR, "aisatsu"), article("aisatsu-2"), { recursive: true });
    edit(article("aisatsu-2/lead.mdx"), "title: 職場の挨拶が続かないときに", "title: 職場の挨拶をもう一度");
    const report = build();
    expect(pagesOf(report, "aisatsu-2").length).toBeGreaterThan(1);
    // Its tags' pages list it; the articles sharing its tags now list it as related reading.
    expect(report.rendered).toContain("/tags/communication/index.html");
    expect(pagesOf(report, "aisatsu")).toContain("/aisatsu/index.html");
    expect(pagesOf(report, "line-koukan")).toContain("/line-koukan/index.html");
    // A section page without related reading is not among them.
    expect(report.restored).toContain("/line-koukan/reasons/index.html");
  });

  it("leave nothing of a removed article, or of earlier bundles, in dist/", () => {
    const before = [...distFiles().keys()];
    expect(before.filter((path) => path.includes("aisatsu-2")).length).toBeGreaterThan(1);
    const leftover = join(copyDir, "dist/_astro/site.0ld4Ssh.js");
    writeFileSync(leftover, "// a bundle an earlier build named\n");
    rmSync(article("aisatsu-2"), { recursive: true });
    const report = build();
    const after = [...distFiles().keys()];
    expect(after.filter((path) => path.includes("aisatsu-2"))).toEqual([]);
    expect(existsSync(leftover)).toBe(false);
    // Everything else is still there: pages Astro kept in place are among this build's files.
    expect(report.restored).toContain("/line-koukan/reasons/index.html");
    expect(after.sort()).toEqual(before.filter((path) => !path.includes("aisatsu-2")).sort());
    expect(report.removed).toBe(before.length + 1 - after.length);
  });

  it("keep the search index when every page reads the same, and write it again when one does not", () => {
    const searchFiles = () => [...distFiles()].filter(([path]) => path.startsWith("/pagefind/"));
    expect(searchIndex()).toContain("search index written");
    const written = searchFiles();
    build();
    expect(searchIndex()).toContain("search index kept");
    expect(searchFiles()).toEqual(written);
    edit(article("aisatsu/sections/02-habits.mdx"), "届きやすくなるものです。", "届きやすくなるのです。");
    build();
    expect(searchIndex()).toContain("search index written");
    expect(searchFiles()).not.toEqual(written);
  });
});
