import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ensurePrograms } from "../support/system-programs";
import { sitePages } from "../support/site";

const distDir = inject("distDir");
const pages = sitePages(distDir).all;
const fileOf = (page: string) =>
  resolve(page.endsWith("/") ? join(distDir, page, "index.html") : join(distDir, page));

/** The Nu Html Checker, from the npm package vnu-jar; run with our own java, not the package's wrapper. */
const VNU_JAR = createRequire(import.meta.url).resolve("vnu-jar/build/dist/vnu.jar");

/**
 * The checker's CSS parser is the W3C CSS Validator's, which does not know three features the
 * pages' CSS uses on purpose, and reports each use as an error although every browser parses it:
 * `@property` (CSS Properties and Values API: Tailwind v4 registers its `--tw-*` variables with
 * it), `margin-trim` (only inside the `@supports` condition by which Tailwind detects browsers
 * without `@property`) and `animation-timeline` (scroll-driven animations: the reading progress
 * bar, inside `@supports (animation-timeline: scroll())`). Only these exact messages are dropped;
 * any other CSS message, and every other error, fails.
 */
const CSS_UNKNOWN_TO_THE_CHECKER = new Set([
  "CSS: Unrecognized at-rule '@property'",
  "CSS: 'margin-trim': Property 'margin-trim' doesn't exist.",
  "CSS: 'animation-timeline': Property 'animation-timeline' doesn't exist.",
]);

/** One message of vnu's `--format json` output. */
interface VnuMessage {
  /** `error`, `info` or `non-document-error` (the file could not be read or checked). */
  type: string;
  subType?: string;
  url?: string;
  message: string;
  lastLine?: number;
  firstColumn?: number;
  extract?: string;
}

interface VnuRun {
  /** The files the checker says it checked (`--verbose`, on stdout). */
  checked: string[];
  messages: VnuMessage[];
}

/** One java process for every page: the checker's start-up takes longer than checking a page. */
async function runVnu(java: string, files: readonly string[]): Promise<VnuRun> {
  const child = spawn(
    java,
    ["-jar", VNU_JAR, "--errors-only", "--verbose", "--asciiquotes", "--format", "json", ...files],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  // Decoded as a stream: the messages quote the Japanese text, whose characters span chunks.
  child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  const code = await new Promise<number | null>((done, fail) => {
    child.on("error", fail);
    child.on("close", done);
  });
  // Exit 1 only says that some message is an error, which may be one of the CSS ones dropped above.
  if (code !== 0 && code !== 1) throw new Error(`vnu exited with ${code}: ${stderr}`);
  return {
    checked: stdout
      .split("\n")
      .filter(Boolean)
      .map((file) => resolve(file)),
    // The report is the last line: the JVM may write notes of its own before it (JAVA_TOOL_OPTIONS).
    messages: (JSON.parse(stderr.trim().split("\n").at(-1) ?? "{}") as { messages: VnuMessage[] }).messages,
  };
}

const isError = (message: VnuMessage) =>
  message.type !== "info" && !(message.type === "error" && CSS_UNKNOWN_TO_THE_CHECKER.has(message.message));

const describeMessage = (message: VnuMessage) =>
  `${message.lastLine ?? "?"}:${message.firstColumn ?? "?"} ${message.type}: ${message.message}` +
  (message.extract ? ` [${message.extract}]` : "");

let run: VnuRun;

// Time for apt-get to install Java on a machine without it.
beforeAll(async () => {
  run = await runVnu(ensurePrograms(["java"]).java, pages.map(fileOf));
}, 600_000);

describe("the Nu Html Checker over every built page", () => {
  it(`checks all ${pages.length} pages`, () => {
    expect(run.checked.sort()).toEqual(pages.map(fileOf).sort());
  });

  it("reads every page (no error outside a document)", () => {
    const outside = run.messages.filter((message) => isError(message) && !message.url?.startsWith("file:"));
    expect(outside.map(describeMessage)).toEqual([]);
  });

  it.each(pages)("finds no error on %s", (page) => {
    const errors = run.messages
      .filter((message) => isError(message) && message.url && fileURLToPath(message.url) === fileOf(page))
      .map(describeMessage);
    expect(errors, page).toEqual([]);
  });
});
