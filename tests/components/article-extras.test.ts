import { beforeAll, describe, expect, it } from "vitest";
import ArticleDates from "../../src/components/ArticleDates.astro";
import AuthorProfile from "../../src/components/AuthorProfile.astro";
import Breadcrumbs from "../../src/components/Breadcrumbs.astro";
import RelatedArticles from "../../src/components/RelatedArticles.astro";
import TagList from "../../src/components/TagList.astro";
import { siteSettings } from "../../src/site/settings";
import { createContainer, toDocument } from "../support/container";

let container: Awaited<ReturnType<typeof createContainer>>;
beforeAll(async () => {
  container = await createContainer();
});

/**
 * What the site shows around an article when the facts are missing: nothing, never a placeholder.
 * (With the facts set, the test build's pages are checked in tests/build/pages.test.ts.)
 */
describe("around an article, with nothing set", () => {
  it("shows no author block while siteSettings.author is unset, as in this repository", async () => {
    expect(siteSettings.author).toBeUndefined();
    expect((await container.renderToString(AuthorProfile)).trim()).toBe("");
  });

  it("shows no dates without 公開日, and no 更新日 on the day of publication", async () => {
    const render = async (props: { published?: Date; modified?: Date }) =>
      toDocument(
        await container.renderToString(ArticleDates, {
          props: { published: undefined, modified: undefined, ...props },
        }),
      );
    expect((await render({})).querySelector("time")).toBeNull();
    expect((await render({ modified: new Date("2026-11-28") })).querySelector("time")).toBeNull();
    const sameDay = await render({ published: new Date("2026-11-20"), modified: new Date("2026-11-20") });
    expect([...sameDay.querySelectorAll("time")].map((time) => time.getAttribute("datetime"))).toEqual([
      "2026-11-20",
    ]);
    expect(sameDay.body.textContent?.replace(/\s+/g, " ").trim()).toBe("公開日 2026年11月20日");
  });

  it("shows no tag list and no related reading when there are none", async () => {
    expect((await container.renderToString(TagList, { props: { tags: [] } })).trim()).toBe("");
    expect((await container.renderToString(RelatedArticles, { props: { articles: [] } })).trim()).toBe("");
  });

  it("names the breadcrumb trail, links every step but the page itself, and hides the separators", async () => {
    const doc = toDocument(
      await container.renderToString(Breadcrumbs, {
        props: {
          trail: [
            { name: "ホーム", path: "/" },
            { name: "職場でLINE交換を断られたら", path: "/line-koukan/" },
            { name: "断られたときの対応法", path: "/line-koukan/responses/" },
          ],
        },
      }),
    );
    expect(doc.querySelector("nav")?.getAttribute("aria-label")).toBe("パンくずリスト");
    const items = [...doc.querySelectorAll("ol > li")];
    expect(items.map((item) => item.querySelector("a")?.getAttribute("href") ?? null)).toEqual([
      "/",
      "/line-koukan/",
      null,
    ]);
    expect(items.at(-1)?.getAttribute("aria-current")).toBe("page");
    // The › between steps is CSS content with empty alternative text: none in the markup.
    expect(doc.body.textContent).not.toContain("›");
  });
});
