import { beforeAll, describe, expect, it } from "vitest";
import { articleComponents, sectionPageComponents } from "../../src/components/mdx";
import Summary from "../../content/articles/line-koukan/sections/05-summary.mdx";
import { createContainer, toDocument } from "../support/container";

let container: Awaited<ReturnType<typeof createContainer>>;
beforeAll(async () => {
  container = await createContainer();
});

const POINTS = [
  ["reasons", "LINE交換を断る背景にはプライバシー意識や職場文化がある"],
  ["responses", "焦らず自然体でコミュニケーションを続けることが大切"],
  ["alternatives", "LINE以外の手段で親密さを育む工夫も有効"],
  ["mindset", "信頼関係を築くには長期的な視点が必要"],
] as const;

async function renderSummary(path: string, components: Record<string, unknown>) {
  const html = await container.renderToString(Summary, {
    props: { components },
    request: new Request(`http://127.0.0.1${path}`),
  });
  return toDocument(html);
}

describe("the summary checklist written in the MDX", () => {
  it("renders each of the four points as a real checkbox labelled with the author's words", async () => {
    const doc = await renderSummary("/line-koukan/summary/", sectionPageComponents);
    const boxes = [...doc.querySelectorAll('summary-checklist input[type="checkbox"]')];
    expect(boxes.map((box) => box.getAttribute("value"))).toEqual(POINTS.map(([slug]) => slug));
    for (const [index, box] of boxes.entries()) {
      const label = doc.querySelector(`label[for="${box.id}"]`);
      expect(label?.textContent?.trim()).toBe(POINTS[index]?.[1]);
    }
  });

  it("groups the points in a form with a legend, a hint and a reset button that work without JavaScript", async () => {
    const doc = await renderSummary("/line-koukan/summary/", sectionPageComponents);
    const form = doc.querySelector("summary-checklist form");
    expect(form?.id).toBe("checklist");
    expect(form?.querySelector("fieldset legend")?.textContent).toBe("この記事の重要ポイント");
    expect(form?.querySelector('button[type="reset"]')?.textContent?.trim()).toBe("チェックをリセット");
    const progress = form?.querySelector("[data-progress]");
    expect(progress?.getAttribute("aria-live")).toBe("polite");
    expect(progress?.getAttribute("data-template")).toBe("{done} / {total} 項目をチェック済み");
  });

  it("links each point to its section's page from the summary page", async () => {
    const doc = await renderSummary("/line-koukan/summary/", sectionPageComponents);
    const links = [...doc.querySelectorAll("summary-checklist li a")];
    expect(links.map((link) => link.getAttribute("href"))).toEqual(
      POINTS.map(([slug]) => `/line-koukan/${slug}/`),
    );
    expect(links[0]?.textContent).toBe("本文を読む：職場でLINE交換を断られた理由と心理");
  });

  it("links each point in-page on the full article", async () => {
    const doc = await renderSummary("/line-koukan/", articleComponents);
    const links = [...doc.querySelectorAll("summary-checklist li a")];
    expect(links.map((link) => link.getAttribute("href"))).toEqual(POINTS.map(([slug]) => `#${slug}`));
  });
});
