import { existsSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { HtmlValidate, type Message } from "html-validate";
import { parseHTML } from "linkedom";
import { describe, expect, inject, it } from "vitest";
import { resolveSiteUrl } from "../../src/site/settings";
import { builtPages, readPage } from "../support/built-site";

const distDir = inject("distDir");
/** Canonical and share URLs carry the site's own origin; links to it are internal, not external. */
const siteOrigin = new URL(resolveSiteUrl(process.env["SITE_URL"])).origin;
const pages = builtPages(distDir);

interface PageLink {
  /** The page the link is on, as a site path (`/responses/`). */
  page: string;
  /** Where the link was found, for failure messages: `<a href>`, `<meta property="og:url">`. */
  source: string;
  value: string;
  url: URL;
  element: Element;
}

/** Metadata whose content is a URL a crawler or share card will fetch. */
const URL_METADATA = ['meta[property$=":url"]', 'meta[property$=":image"]', 'meta[name$=":image"]'];

function linksOn(page: string, document: Document): PageLink[] {
  const pageUrl = new URL(page, siteOrigin);
  const links: PageLink[] = [];
  const add = (element: Element, source: string, value: string) =>
    links.push({ page, source, value, url: new URL(value, pageUrl), element });

  for (const element of document.querySelectorAll("[href], [src], [srcset]")) {
    const tag = element.tagName.toLowerCase();
    for (const attribute of ["href", "src"]) {
      const value = element.getAttribute(attribute);
      if (value !== null) add(element, `<${tag} ${attribute}>`, value);
    }
    const srcset = element.getAttribute("srcset");
    for (const candidate of srcset?.split(",") ?? []) {
      const value = candidate.trim().split(/\s+/)[0];
      if (value) add(element, `<${tag} srcset>`, value);
    }
  }
  for (const element of document.querySelectorAll(URL_METADATA.join(", "))) {
    const value = element.getAttribute("content");
    const name = element.getAttribute("property") ?? element.getAttribute("name");
    if (value !== null) add(element, `<meta ${name}>`, value);
  }
  return links;
}

const isInternal = (link: PageLink) => link.url.origin === siteOrigin;
/** Inline images in `src` and inline icons (`<link href>`) are data, not links to follow. */
const isInlineData = (link: PageLink) =>
  link.url.protocol === "data:" && (!link.source.endsWith(" href>") || link.source === "<link href>");

/** The file a site path is served from: `/x/` → `x/index.html`; `/x` → the file `x`, else `x/index.html`. */
function builtFileFor(pathname: string): string | undefined {
  const path = join(distDir, decodeURIComponent(pathname));
  if (relative(distDir, path).startsWith("..")) return undefined;
  const candidates = pathname.endsWith("/") ? [join(path, "index.html")] : [path, join(path, "index.html")];
  return candidates.find((file) => existsSync(file) && statSync(file).isFile());
}

const idsByFile = new Map<string, Set<string>>();
function idsIn(file: string): Set<string> {
  let ids = idsByFile.get(file);
  if (!ids) {
    const { document } = parseHTML(readFileSync(file, "utf8"));
    ids = new Set([...document.querySelectorAll("[id]")].map((element) => element.id));
    idsByFile.set(file, ids);
  }
  return ids;
}

const describeLink = (link: PageLink) => `${link.page}: ${link.source} "${link.value}"`;

const linksByPage = new Map(pages.map((page) => [page, linksOn(page, readPage(distDir, page).document)]));
const allLinks = [...linksByPage.values()].flat();
const internalLinks = allLinks.filter(isInternal);
const externalLinks = allLinks.filter((link) => !isInternal(link) && !isInlineData(link));

describe("links between the built pages", () => {
  it(`finds links to check on every page (${allLinks.length} links on ${pages.length} pages)`, () => {
    expect(pages).toContain("/");
    for (const page of pages) {
      expect(
        linksByPage.get(page)?.filter(isInternal).length,
        `${page} has no internal links`,
      ).toBeGreaterThan(0);
    }
  });

  it("resolves every internal href/src to a file in the build", () => {
    const broken = internalLinks
      .filter((link) => builtFileFor(link.url.pathname) === undefined)
      .map(describeLink);
    expect(broken).toEqual([]);
  });

  it("resolves every #fragment, on the same page or another, to an element id on the target page", () => {
    const broken = internalLinks
      .filter((link) => link.value.includes("#"))
      .flatMap((link) => {
        const file = builtFileFor(link.url.pathname);
        const id = decodeURIComponent(link.url.hash.slice(1));
        // A bare "#" scrolls to the top by accident of the spec; it is a placeholder, not a link.
        if (!id) return [`${describeLink(link)}: empty fragment`];
        if (file === undefined) return []; // Reported by the test above.
        return idsIn(file).has(id) ? [] : [`${describeLink(link)}: no id="${id}" on ${link.url.pathname}`];
      });
    expect(broken).toEqual([]);
  });

  it("sends every external link over https", () => {
    const insecure = externalLinks.filter((link) => link.url.protocol !== "https:").map(describeLink);
    expect(insecure).toEqual([]);
  });

  it('opens new tabs only with rel="noopener noreferrer", so the opened site cannot reach back', () => {
    const unsafe = allLinks
      .filter((link) => link.element.getAttribute("target") === "_blank")
      .filter((link) => {
        const rel = (link.element.getAttribute("rel") ?? "").split(/\s+/);
        return !rel.includes("noopener") || !rel.includes("noreferrer");
      })
      .map((link) => `${describeLink(link)}: rel="${link.element.getAttribute("rel") ?? ""}"`);
    expect(unsafe).toEqual([]);
  });

  it("uses no page-relative links on the 404 page, which is served at whatever path was missing", () => {
    const relativeLinks = (linksByPage.get("/404.html") ?? [])
      .filter((link) => !/^(?:[a-z][a-z0-9+.-]*:|\/|#)/i.test(link.value))
      .map(describeLink);
    expect(relativeLinks).toEqual([]);
  });
});

const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: {
    // Lists say role="list" on purpose: Safari/VoiceOver drops list semantics under `list-style: none` (tests/eslint.config.js).
    "no-redundant-role": ["error", { exclude: ["list"] }],
    // The checklist's checkboxes form one group named "point", one value per ticked point, as checkbox groups do.
    "form-dup-name": ["error", { shared: ["radio", "checkbox", "button", "reset", "submit"] }],
  },
});

/**
 * WCAG H32 asks forms that submit for a submit button. The summary checklist is a <form> only so
 * that its reset button works without JavaScript; it is never submitted, so H32 does not apply to
 * it. Any other form still gets the rule.
 */
const doesNotApply = (message: Message) => message.ruleId === "wcag/h32" && message.selector === "#checklist";

describe.each(pages)("the built page %s", (page) => {
  const { html, document } = readPage(distDir, page);

  it("passes html-validate's recommended rules", async () => {
    const report = await validator.validateString(html, page);
    const errors = report.results
      .flatMap((result) => result.messages)
      .filter((message) => !doesNotApply(message))
      .map(
        (message) =>
          `${page}:${message.line}:${message.column} ${message.ruleId}: ${message.message} [${message.selector ?? ""}]`,
      );
    expect(errors).toEqual([]);
  });

  it("prints no undefined, NaN or [object Object] in its text or attributes", () => {
    const leak = /\bundefined\b|\bNaN\b|\[object Object\]/g;
    const copy = document.documentElement.cloneNode(true) as HTMLElement;
    // Script and style bodies are code, where `undefined` is a word of the language; JSON is data.
    for (const code of copy.querySelectorAll("script:not([type$='json']), style")) code.remove();
    const text = (copy.textContent ?? "").replace(/\s+/g, " ");
    const found = [...text.matchAll(leak)].map(
      (match) => `text: …${text.slice(Math.max(0, match.index - 30), match.index + match[0].length + 30)}…`,
    );
    for (const element of document.querySelectorAll("*")) {
      for (const attribute of element.attributes) {
        if (attribute.value.match(leak)) {
          found.push(`<${element.tagName.toLowerCase()} ${attribute.name}="${attribute.value}">`);
        }
      }
    }
    expect(found, `${page} leaks a missing value`).toEqual([]);
  });

  it("has a non-empty <title> and meta description", () => {
    expect(document.querySelector("title")?.textContent?.trim(), `${page}: empty <title>`).toBeTruthy();
    const description = document.querySelector('meta[name="description"]')?.getAttribute("content");
    expect(description?.trim(), `${page}: empty meta description`).toBeTruthy();
  });
});
