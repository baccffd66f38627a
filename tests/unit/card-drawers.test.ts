import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { drawingCode } from "../../src/share/card-cache";
import { CardDrawers } from "../../src/share/card-drawers";
import { renderShareCard, type ShareCardInput } from "../../src/share/card-layout";
import { BRAND_COLORS } from "../../src/site/brand";

const WORKER = new URL("../../src/share/card-worker.ts", import.meta.url);
const card = (title: string): ShareCardInput => ({
  kind: "section",
  title,
  articleTitle: "職場でLINE交換を断られたら",
  siteName: "職場の人間関係ノート",
});

const folder = mkdtempSync(join(tmpdir(), "card-drawers-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
/** A stand-in worker written for a test: `body` runs on each message. */
function fakeWorker(name: string, body: string): URL {
  const file = join(folder, `${name}.mjs`);
  writeFileSync(
    file,
    `import { parentPort } from "node:worker_threads";\nparentPort.on("message", (task) => { ${body} });\n`,
  );
  return pathToFileURL(file);
}

describe("share-card workers", () => {
  it("draw several cards at once, each in its own thread, the same pixels as drawn here", async () => {
    const drawers = new CardDrawers(WORKER, { size: 2 });
    const titles = ["一つ目の節", "二つ目の節", "三つ目の節", "四つ目の節"];
    const drawn = await Promise.all(titles.map((title) => drawers.draw(card(title), BRAND_COLORS)));
    expect(drawers.stats).toEqual({ started: 2, mostAtOnce: 2 });
    const here = await renderShareCard(card(titles[0] ?? ""), BRAND_COLORS);
    expect(Buffer.from(drawn[0] ?? []).equals(Buffer.from(here))).toBe(true);
    expect(new Set(drawn.map((png) => Buffer.from(png).toString("base64"))).size).toBe(titles.length);
    await drawers.close();
  });

  it("fail only the card a worker could not draw, with the worker's reason", async () => {
    const drawers = new CardDrawers(WORKER, { size: 2 });
    const broken = { ...card("壊れた入力"), title: 42 } as unknown as ShareCardInput;
    const [failed, fine] = await Promise.allSettled([
      drawers.draw(broken, BRAND_COLORS),
      drawers.draw(card("無事な節"), BRAND_COLORS),
    ]);
    expect(String((failed as PromiseRejectedResult).reason)).toMatch(/Share card not drawn: .*trim/s);
    expect(fine.status).toBe("fulfilled");
    await drawers.close();
  });

  it("fail the card of a worker that dies, and draw the next card in a new worker", async () => {
    const flag = join(folder, "died-once");
    const url = fakeWorker(
      "dies-once",
      `import("node:fs").then((fs) => {
        if (!fs.existsSync(${JSON.stringify(flag)})) { fs.writeFileSync(${JSON.stringify(flag)}, ""); process.exit(3); }
        parentPort.postMessage({ id: task.id, png: new Uint8Array([1, 2, 3]) });
      });`,
    );
    const drawers = new CardDrawers(url, { size: 1 });
    await expect(drawers.draw(card("一つ目"), BRAND_COLORS)).rejects.toThrow(/exit code 3/);
    expect(Array.from(await drawers.draw(card("二つ目"), BRAND_COLORS))).toEqual([1, 2, 3]);
    expect(drawers.stats.started).toBe(2);
    await drawers.close();
  });

  it("stop a worker whose card takes too long, and fail that card rather than wait for ever", async () => {
    const drawers = new CardDrawers(fakeWorker("hangs", "/* never answers */"), { size: 1, jobMs: 300 });
    await expect(drawers.draw(card("終わらない"), BRAND_COLORS)).rejects.toThrow(/stopped/);
    await drawers.close();
  });

  it("fail every waiting card when no worker can start", async () => {
    const drawers = new CardDrawers(pathToFileURL(join(folder, "missing.mjs")), { size: 1 });
    await expect(drawers.draw(card("描けない"), BRAND_COLORS)).rejects.toThrow(/Share card not drawn/);
    await drawers.close();
  });
});

describe("what draws a card, in its cache key", () => {
  it("is the source of card-layout.ts and of every project module it imports", () => {
    expect([...drawingCode().keys()].sort()).toEqual([
      "lib/phrase-breaks.ts",
      "share/card-layout.ts",
      "share/card-size.ts",
    ]);
  });
});
