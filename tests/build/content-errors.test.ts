import { execFile, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify, stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildEnvironment, copyProject, PROJECT_ROOT } from "../support/project-copy";

/**
 * A site owner edits the MDX by hand. Each fixture in tests/fixtures/bad-content/<case>/ mirrors
 * `content/` and holds the one file that carries a typical mistake (an added sixth section of the
 * first article, a replaced 05-summary.mdx / lead.mdx, or a badly made second article folder); a
 * YAML comment at its top says what the mistake is. The
 * fixture is copied over a fresh copy of the project, which is then built as `npm run build` would:
 * the build must stop, and what it prints must lead the owner to the file and the fix.
 */

const fixturesDir = resolve(PROJECT_ROOT, "tests/fixtures/bad-content");
/** Two cores: more parallel builds only make each one slower. */
const MAX_PARALLEL_BUILDS = 2;
const BUILD_TIME_LIMIT_MS = 60_000;
/** Long enough for a test to wait for its build behind the ones queued before it. */
const TEST_TIME_LIMIT_MS = 90_000;

/** The control fixture: a valid sixth section, proving the overlay itself does not break the build. */
const CONTROL_FIXTURE = "control-extra-section";

interface BadContentCase {
  /** Folder under tests/fixtures/bad-content/. */
  fixture: string;
  /** The mistake, in the words of the test name. */
  mistake: string;
  /** What the owner must be able to find: the file(s), then the field, id or `file:line`. */
  names: (string | { label: string; pattern: RegExp })[];
  /** A fragment of the fix hint our own validators print; absent where no validator of ours applies. */
  hint?: string;
}

/** The article the fixtures change, and the folder of its sections: errors must name both. */
const ARTICLE = "articles/line-koukan";
const EXTRA = `${ARTICLE}/sections/06-extra-tips.mdx`;
const SUMMARY = `${ARTICLE}/sections/05-summary.mdx`;

/**
 * `<article folder>/sections/<file>:line` of the first line of a fixture file that starts with
 * `text`, as our validators print it: the article folder, the file and the line.
 */
function lineOf(fixture: string, fileInContent: string, text: string): string {
  const lines = readFileSync(join(fixturesDir, fixture, fileInContent), "utf8").split("\n");
  const index = lines.findIndex((line) => line.trimStart().startsWith(text));
  if (index === -1) throw new Error(`fixture ${fixture}/${fileInContent} has no line with ${text}`);
  return `${fileInContent}:${index + 1}`;
}

const CASES: BadContentCase[] = [
  {
    fixture: "missing-title",
    mistake: "a required frontmatter field (title) left out",
    names: [EXTRA, "title"],
    hint: "title（節の見出し）を書いてください",
  },
  {
    fixture: "order-not-a-number",
    mistake: 'order written as a word (order: "two")',
    names: [EXTRA, "order"],
    hint: "order（並び順）を整数で書いてください",
  },
  {
    fixture: "unknown-key-typo",
    mistake: "a misspelt key (descripton)",
    names: [EXTRA, "descripton"],
    hint: "description（検索・共有用の説明文）を書いてください",
  },
  {
    fixture: "slug-not-ascii",
    mistake: "a slug that is not a lowercase ASCII word (Extra_Tips)",
    names: [EXTRA, "slug"],
    hint: "slug は英小文字で始まり",
  },
  {
    fixture: "duplicate-slug",
    mistake: "a slug already used by another section (reasons)",
    names: [EXTRA, `${ARTICLE}/sections/01-reasons.mdx`, "reasons"],
    hint: "記事全体で重ならない id にしてください",
  },
  {
    fixture: "duplicate-order",
    mistake: "an order already used by another section (2)",
    names: [EXTRA, `${ARTICLE}/sections/02-responses.mdx`, "order 2"],
    hint: "節ごとに違う番号にしてください",
  },
  {
    fixture: "missing-order",
    mistake: "a required order left out",
    names: [EXTRA, "order"],
    hint: "order（並び順）を整数で書いてください",
  },
  {
    fixture: "description-too-short",
    mistake: "a description under 50 characters",
    names: [EXTRA, "description"],
    hint: "50文字以上にしてください",
  },
  {
    fixture: "description-too-long",
    mistake: "a description over 140 characters",
    names: [EXTRA, "description"],
    hint: "140文字以内にしてください",
  },
  {
    fixture: "frontmatter-yaml-error",
    mistake: "an unclosed quote in the frontmatter YAML",
    // js-yaml reports where it gave up (the closing ---), not the line of the quote.
    names: [
      { label: `${EXTRA}:<line>`, pattern: /articles\/line-koukan\/sections\/06-extra-tips\.mdx:[1-9]\d*/ },
    ],
  },
  {
    fixture: "lead-missing-field",
    mistake: "a required field of the lead (shareTitle) left out",
    names: [`${ARTICLE}/lead.mdx`, "shareTitle"],
    hint: "shareTitle（共有用タイトル）を書いてください",
  },
  {
    fixture: "tag-undeclared",
    mistake: "a tag that content/tags.yaml does not declare (人づきあい)",
    names: [lineOf("tag-undeclared", `${ARTICLE}/lead.mdx`, "tags:"), "人づきあい", "content/tags.yaml"],
    hint: "に「英語の名前（英小文字・数字・ハイフン）:」と「name: 人づきあい」を書き足すか",
  },
  {
    fixture: "heading-without-id",
    mistake: "an h3 without {#id}",
    names: [lineOf("heading-without-id", EXTRA, "### ")],
    hint: "{#english-words}",
  },
  {
    fixture: "heading-non-ascii-id",
    mistake: "a heading id that is not ASCII ({#朝の挨拶})",
    names: [lineOf("heading-non-ascii-id", EXTRA, "### "), "朝の挨拶"],
    hint: "英小文字・数字・ハイフンだけからなる id にしてください",
  },
  {
    fixture: "heading-id-duplicated",
    mistake: "a heading id already used in another section ({#cooling-off})",
    names: [EXTRA, `${ARTICLE}/sections/02-responses.mdx`, "cooling-off"],
    hint: "記事全体で重ならない id にしてください",
  },
  {
    fixture: "heading-id-reserved",
    mistake: "a heading id the page templates use ({#toc})",
    names: [EXTRA, "「toc」"],
    hint: "記事全体で重ならない id にしてください",
  },
  {
    fixture: "heading-level-h4",
    mistake: "a skipped heading level (#### with no ### above it)",
    names: [lineOf("heading-level-h4", EXTRA, "#### "), "h4"],
    hint: "（h3）だけが使えます",
  },
  {
    fixture: "heading-level-h2",
    mistake: "a ## heading in a section body",
    names: [lineOf("heading-level-h2", EXTRA, "## "), "h2"],
    hint: "（h3）だけが使えます",
  },
  {
    fixture: "checklist-unknown-section",
    mistake: 'a checklist point naming a section that does not exist (section="reason")',
    names: [
      lineOf("checklist-unknown-section", SUMMARY, '<ChecklistPoint section="reason"'),
      'section="reason"',
    ],
    hint: "使える slug: ",
  },
  {
    fixture: "checklist-empty",
    mistake: "an empty <SummaryChecklist>",
    names: [SUMMARY, "SummaryChecklist"],
    hint: "1つ以上書いてください",
  },
  {
    fixture: "mdx-unclosed-tag",
    mistake: "an unclosed JSX tag (<SummaryChecklist> without its closing tag)",
    names: [lineOf("mdx-unclosed-tag", SUMMARY, "<SummaryChecklist>"), "<SummaryChecklist>"],
  },
  {
    fixture: "mdx-unknown-component",
    mistake: "a component the site does not provide (<Foo />)",
    names: [lineOf("mdx-unknown-component", EXTRA, "<Foo />"), "Foo"],
  },
  {
    fixture: "checklist-twice",
    mistake: "a second <SummaryChecklist> in one article",
    names: [lineOf("checklist-twice", EXTRA, "<SummaryChecklist>"), `${SUMMARY}:`],
    hint: "1つの記事に1つだけ",
  },
  {
    fixture: "checklist-target-expression",
    mistake: 'a checklist target written as an expression (section={"nowhere"})',
    names: [lineOf("checklist-target-expression", EXTRA, "<ChecklistPoint")],
    hint: 'section="…" のように文字列で',
  },
  {
    fixture: "callout-unknown-kind",
    mistake: 'a callout of a kind the site does not have (kind="tip")',
    names: [lineOf("callout-unknown-kind", EXTRA, '<Callout kind="tip"'), 'kind="tip"'],
    hint: 'kind="point"（ポイント）、kind="warning"（注意）、kind="note"（補足）',
  },
  {
    fixture: "callout-empty",
    mistake: "a callout with nothing in it but an MDX comment",
    names: [lineOf("callout-empty", EXTRA, "<Callout"), '<Callout kind="warning">'],
    hint: "本文を書いてください",
  },
  {
    fixture: "image-missing-alt",
    mistake: "a picture without its description (![](../images/chat.png))",
    names: [lineOf("image-missing-alt", EXTRA, "![](")],
    hint: "画像が見えない人に向けて",
  },
  {
    fixture: "image-not-found",
    mistake: "a picture whose file is not in images/",
    names: [lineOf("image-not-found", EXTRA, "!["), "nothing.png"],
    hint: "images/ にそのファイルを置き",
  },
  {
    fixture: "figure-without-alt",
    mistake: "a <Figure> with neither alt nor decorative",
    names: [lineOf("figure-without-alt", EXTRA, "<Figure"), "<Figure>"],
    hint: "alt の代わりに decorative",
  },
  {
    fixture: "many-mistakes",
    mistake: "a draft article with ten mistakes in five files",
    names: ["articles/second-article"],
  },
  {
    fixture: "folder-bad-name",
    mistake: "an article folder whose name is not a lowercase ASCII word (Shokuba_Aisatsu)",
    names: ["articles/Shokuba_Aisatsu"],
    hint: "英小文字で始まり、英小文字・数字・ハイフンだけにしてください",
  },
  {
    fixture: "folder-missing-lead",
    mistake: "an article folder without lead.mdx",
    names: ["articles/second-article", "lead.mdx"],
    hint: "lead.mdx がありません",
  },
  {
    fixture: "folder-without-sections",
    mistake: "an article folder without sections",
    names: ["articles/second-article"],
    hint: "節がありません",
  },
  {
    fixture: "folder-section-misnamed",
    mistake: "sections put in section/ instead of sections/, which the build would otherwise skip",
    names: ["articles/second-article/section"],
    hint: "フォルダ名を sections に変えてください",
  },
];

interface BuildResult {
  exitCode: number | null;
  /** stdout and stderr interleaved, without colour codes. */
  output: string;
  distDir: string;
}

function runBuild(copyDir: string): Promise<BuildResult> {
  return new Promise((resolvePromise, reject) => {
    const chunks: string[] = [];
    const child = spawn(process.execPath, [join(copyDir, "node_modules/astro/bin/astro.mjs"), "build"], {
      cwd: copyDir,
      env: buildEnvironment(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => chunks.push(chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => chunks.push(chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), BUILD_TIME_LIMIT_MS);
    child.on("error", reject);
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      resolvePromise({
        exitCode,
        output: stripVTControlCharacters(chunks.join("")),
        distDir: join(copyDir, "dist"),
      });
    });
  });
}

/** Runs at most `max` tasks at once, in the order they were queued. */
function limitConcurrency(max: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= max) await new Promise<void>((wake) => waiting.push(wake));
    else running += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

/**
 * What the owner reads: the output without warnings (Rolldown warns about every MDX file, which
 * would name every file whatever the error) and without stack frames.
 */
function errorReport(output: string): string {
  const kept: string[] = [];
  let inWarning = false;
  for (const line of output.split("\n")) {
    if (line.includes("[WARN]")) inWarning = true;
    // A warning ends at a blank line or at the next timestamped log line.
    else if (inWarning && (line.trim() === "" || /^\d{2}:\d{2}:\d{2} /.test(line))) inWarning = false;
    if (inWarning || /^\s+at /.test(line)) continue;
    kept.push(line);
  }
  return kept.join("\n").trim();
}

const BUILD_COMPLETE = "[build] Complete!";

let workDir = "";
let snapshotDir = "";
const builds = new Map<string, Promise<BuildResult>>();

/** The build of `fixture` laid over the project snapshot (`undefined`: the snapshot as it is). */
function buildOf(fixture: string | undefined): Promise<BuildResult> {
  const build = builds.get(fixture ?? "");
  if (!build) throw new Error(`no build was queued for ${fixture ?? "the unmodified copy"}`);
  return build;
}

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), "bad-content-"));
  // One snapshot for every case: other people edit the working tree while these tests run.
  snapshotDir = join(workDir, "snapshot");
  copyProject(snapshotDir);
  const queue = limitConcurrency(MAX_PARALLEL_BUILDS);
  const fixtures = [undefined, CONTROL_FIXTURE, ...CASES.map((badCase) => badCase.fixture)];
  for (const fixture of fixtures) {
    const copyDir = join(workDir, fixture ?? "unmodified");
    builds.set(
      fixture ?? "",
      queue(() => {
        cpSync(snapshotDir, copyDir, { recursive: true, verbatimSymlinks: true });
        if (fixture) cpSync(join(fixturesDir, fixture), join(copyDir, "content"), { recursive: true });
        return runBuild(copyDir);
      }),
    );
  }
});

afterAll(async () => {
  // Builds still queued (a run filtered with -t) must finish before their folders go.
  await Promise.allSettled(builds.values());
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe("the harness", () => {
  it("has a case for every fixture folder, so no fixture goes untested", () => {
    const folders = readdirSync(fixturesDir).sort();
    expect(folders).toEqual([CONTROL_FIXTURE, ...CASES.map((badCase) => badCase.fixture)].sort());
  });

  it(
    "builds the unmodified copy of the project, so failures below come from the fixtures",
    async () => {
      const { exitCode, output, distDir } = await buildOf(undefined);
      expect(exitCode, errorReport(output)).toBe(0);
      expect(output).toContain(BUILD_COMPLETE);
      expect(existsSync(join(distDir, "index.html"))).toBe(true);
      expect(existsSync(join(distDir, "line-koukan/summary/index.html"))).toBe(true);
    },
    TEST_TIME_LIMIT_MS,
  );

  it(
    "builds a valid added section, so each bad fixture fails only for its own mistake",
    async () => {
      const { exitCode, output, distDir } = await buildOf(CONTROL_FIXTURE);
      expect(exitCode, errorReport(output)).toBe(0);
      expect(existsSync(join(distDir, "line-koukan/extra-tips/index.html"))).toBe(true);
    },
    TEST_TIME_LIMIT_MS,
  );
});

describe.each(CASES)("content with $mistake", (badCase) => {
  it(
    `stops the build (non-zero exit, no "Complete!")`,
    async () => {
      const { exitCode, output } = await buildOf(badCase.fixture);
      expect(exitCode, `build of ${badCase.fixture} exited 0:\n${errorReport(output)}`).not.toBe(0);
      expect(output).not.toContain(BUILD_COMPLETE);
    },
    TEST_TIME_LIMIT_MS,
  );

  const names = badCase.names.map(labelOf).join(", ");
  const whatItSays = badCase.hint ? `${names} and the fix` : names;
  it(
    `tells the owner where: ${whatItSays}`,
    async () => {
      const report = errorReport((await buildOf(badCase.fixture)).output);
      for (const expected of badCase.names) {
        const message = `the error for ${badCase.fixture} should name ${labelOf(expected)}`;
        if (typeof expected === "string") expect(report, message).toContain(expected);
        else expect(report, message).toMatch(expected.pattern);
      }
      if (badCase.hint) {
        expect(report, `the error for ${badCase.fixture} should say how to fix it`).toContain(badCase.hint);
      }
    },
    TEST_TIME_LIMIT_MS,
  );
});

/** `npm run check-content` in a built copy: what it prints, and its exit status. */
async function checkContentOf(fixture: string | undefined): Promise<{ exitCode: number; output: string }> {
  await buildOf(fixture);
  const cwd = join(workDir, fixture ?? "unmodified");
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ["src/cli/check-content.ts"], {
      cwd,
    });
    return { exitCode: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { exitCode: failed.code ?? -1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

describe("npm run check-content, without building", () => {
  it(
    "finds nothing wrong in the project and in the valid added section, whose commented-out lines are no content",
    async () => {
      for (const fixture of [undefined, CONTROL_FIXTURE]) {
        const { exitCode, output } = await checkContentOf(fixture);
        expect(output).toContain("問題は見つかりませんでした");
        expect(exitCode, output).toBe(0);
      }
    },
    TEST_TIME_LIMIT_MS,
  );

  it.each(CASES)(
    "reports $fixture with the same file, line and fix as the build, and exits non-zero",
    async (badCase) => {
      const { exitCode, output } = await checkContentOf(badCase.fixture);
      expect(exitCode, output).toBe(1);
      for (const expected of badCase.names) {
        if (typeof expected === "string") expect(output).toContain(expected);
        else expect(output).toMatch(expected.pattern);
      }
      if (badCase.hint) expect(output).toContain(badCase.hint);
    },
    TEST_TIME_LIMIT_MS,
  );

  it(
    "lists every mistake of an article in one run, drafts included, each at its file and line",
    async () => {
      const { output } = await checkContentOf("many-mistakes");
      const folder = "content/articles/second-article";
      const line = (file: string, text: string) => {
        const lines = readFileSync(
          join(fixturesDir, "many-mistakes", `articles/second-article/${file}`),
          "utf8",
        ).split("\n");
        return `${folder}/${file}:${lines.findIndex((candidate) => candidate.includes(text)) + 1}: `;
      };
      const expected = [
        `${folder}/lead.mdx: subtitle（副題）を書いてください`,
        `${line("lead.mdx", "tags:")}タグ「人づきあい」`,
        `${line("sections/01-first.mdx", "### ")}見出し「声をかける順番」に id がありません`,
        `${line("sections/01-first.mdx", "<Foo />")}<Foo> は使えません`,
        `${line("sections/01-first.mdx", "<Callout")}<Callout> の種類 kind="tip"`,
        `${folder}/sections/02-second.mdx: order 1 は ${folder}/sections/01-first.mdx と重なっています`,
        `${folder}/sections/02-second.mdx: 見出し「目を合わせる」: id「toc」`,
        `${line("sections/03-summary.mdx", '<ChecklistPoint section="third"')}<ChecklistPoint section="third">`,
        `${folder}/sections/04-extra.mdx: description（検索・共有用の説明文）を書いてください`,
        `${line("sections/04-extra.mdx", "descripton:")}使えない項目があります: descripton`,
      ];
      for (const problem of expected) expect(output).toContain(problem);
      expect(output).not.toContain("removed");
      expect(output).toContain(`${expected.length}件の問題が見つかりました`);
    },
    TEST_TIME_LIMIT_MS,
  );
});

function labelOf(expected: BadContentCase["names"][number]): string {
  return typeof expected === "string" ? expected : expected.label;
}

describe("the message for an unknown frontmatter key", () => {
  it(
    "names the fields that exist, so the owner sees the key that was meant (descripton → description)",
    async () => {
      const report = errorReport((await buildOf("unknown-key-typo")).output);
      const typoLine = report.split("\n").find((line) => line.includes("descripton")) ?? "";
      expect(typoLine).toContain("description");
    },
    TEST_TIME_LIMIT_MS,
  );
});
