import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildEnvironment, copyProject, FIXTURE_ARTICLES_DIR } from "../support/project-copy";
import { DRAFT_ARTICLE } from "../support/site";
import { createArticle } from "../../src/cli/new-article";

const SCAFFOLD = "atarashii-kiji";

/**
 * `draft: true` keeps an article out of the build (tests/build/pages.test.ts) but not out of
 * `npm run dev`, where its author reads it while writing. The dev server runs on a copy of the
 * project with the fixture articles added, on 127.0.0.1.
 */
let copyDir: string | undefined;
let server: ChildProcess | undefined;
let origin = "";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

beforeAll(async () => {
  copyDir = mkdtempSync(join(tmpdir(), "dev-drafts-"));
  copyProject(copyDir);
  cpSync(FIXTURE_ARTICLES_DIR, join(copyDir, "content/articles"), { recursive: true });
  // A fresh article from `npm run new`, which its author previews the same way.
  createArticle(SCAFFOLD, pathToFileURL(`${copyDir}/`));
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = spawn(
    process.execPath,
    [join(copyDir, "node_modules/astro/bin/astro.mjs"), "dev", "--host", "127.0.0.1", "--port", String(port)],
    { cwd: copyDir, env: buildEnvironment(), stdio: "ignore" },
  );
  for (let waited = 0; waited < 60_000; waited += 250) {
    try {
      if ((await fetch(origin)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the dev server did not answer within 60 s");
}, 90_000);

afterAll(() => {
  server?.kill();
  if (copyDir) rmSync(copyDir, { recursive: true, force: true });
});

describe("a draft article in npm run dev", () => {
  it("has its pages and is listed on the home page, for its author to read", async () => {
    const article = await fetch(`${origin}${DRAFT_ARTICLE}`);
    expect(article.status).toBe(200);
    expect(await article.text()).toContain("書きかけの下書き記事");
    expect((await fetch(`${origin}${DRAFT_ARTICLE}outline/`)).status).toBe(200);
    expect(await (await fetch(`${origin}/`)).text()).toContain(`href="${DRAFT_ARTICLE}"`);
  }, 60_000);

  it("shows the article that npm run new made, with its sections and checklist", async () => {
    const article = await fetch(`${origin}/${SCAFFOLD}/`);
    expect(article.status).toBe(200);
    // Without the line-break hints the build adds to the lead.
    const html = (await article.text()).replaceAll("<wbr>", "");
    expect(html).toContain("ここにリード文を書きます");
    expect(html).toContain("ここに1つ目の節から持ち帰ってほしいこと");
    expect((await fetch(`${origin}/${SCAFFOLD}/summary/`)).status).toBe(200);
  }, 60_000);
});
