import { beforeAll, describe, expect, it } from "vitest";
import Heading from "../../src/components/Heading.astro";
import { createContainer, toDocument } from "../support/container";

let container: Awaited<ReturnType<typeof createContainer>>;
beforeAll(async () => {
  container = await createContainer();
});

async function renderHeading(
  level: 1 | 2 | 3,
  id: string,
  text: string,
  extra: { share?: "page" | "fragment"; printUrl?: string } = {},
) {
  return toDocument(
    await container.renderToString(Heading, { props: { level, id, ...extra }, slots: { default: text } }),
  );
}

describe("Heading", () => {
  it("renders the heading at the requested level with the id chosen in the content", async () => {
    const doc = await renderHeading(3, "cooling-off", "冷却期間と必要な距離感");
    const heading = doc.querySelector("h3");
    expect(heading?.id).toBe("cooling-off");
    expect(heading?.textContent).toBe("冷却期間と必要な距離感");
    expect(doc.querySelector("h2, h1")).toBeNull();
  });

  it("writes an anchor link to the heading whose accessible name names the heading", async () => {
    const doc = await renderHeading(2, "reasons", "職場でLINE交換を断られた理由と心理");
    const links = doc.querySelectorAll("a");
    expect(links).toHaveLength(1);
    const link = links[0];
    if (!link) throw new Error("no link");
    expect(link.getAttribute("href")).toBe("#reasons");
    // The link is named by the heading it leads to, not by its visible "#".
    expect(link.getAttribute("class")).toContain("heading-anchor");
    expect(link.textContent).toBe("#");
    expect(link.getAttribute("aria-labelledby")).toBe("reasons");
    expect(doc.getElementById("reasons")?.textContent).toBe("職場でLINE交換を断られた理由と心理");
    expect(link.getAttribute("aria-hidden")).toBeNull();
  });

  it("keeps the anchor link outside the heading, so the heading's own name stays the author's text", async () => {
    const doc = await renderHeading(1, "summary", "まとめ");
    expect(doc.querySelector("h1 a")).toBeNull();
    expect(doc.querySelector("h1")?.textContent).toBe("まとめ");
  });

  it("names the link with plain text even when the heading holds markup", async () => {
    const doc = await renderHeading(3, "x", "LINE<wbr>交換 &amp; 職場");
    expect(doc.querySelector("a")?.getAttribute("aria-labelledby")).toBe("x");
    expect(doc.getElementById("x")?.textContent).toBe("LINE交換 & 職場");
  });

  it("gives a subheading a share button that sends its section's URL with the heading's fragment", async () => {
    const doc = await renderHeading(3, "cooling-off", "冷却期間と必要な距離感", { share: "fragment" });
    const share = doc.querySelector("heading-share");
    // The section's URL comes from the page (data-section around the heading); data-fragment says
    // to add the heading's own id. The button is the page's template, copied in by the script
    // (HeadingShareTemplate.astro): nothing before it runs.
    expect(share?.hasAttribute("data-fragment")).toBe(true);
    expect(share?.closest("[data-heading-level]")?.querySelector("h3")?.id).toBe("cooling-off");
    expect(share?.childElementCount).toBe(0);
  });

  it("gives a section heading a share button for its page, without a fragment, and prints its URL", async () => {
    const url = "https://example.jp/line-koukan/responses/";
    const doc = await renderHeading(2, "responses", "対応法", { share: "page", printUrl: url });
    expect(doc.querySelector("heading-share")?.hasAttribute("data-fragment")).toBe(false);
    expect(doc.querySelector("h2")?.getAttribute("data-print-url")).toBe(url);
  });

  it("has no share button unless asked for one", async () => {
    const doc = await renderHeading(3, "x", "見出し");
    expect(doc.querySelector("heading-share")).toBeNull();
  });
});
