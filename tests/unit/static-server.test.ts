import { describe, expect, it } from "vitest";
import { headersFor, parseHeaderRules } from "../support/static-server";

describe("_headers rules", () => {
  const rules = parseHeaderRules(
    [
      "# every response",
      "/*",
      "  X-Content-Type-Options: nosniff",
      "  Link: </a.css>; rel=preload",
      "",
      "/_astro/*",
      "  Cache-Control: public, max-age=31536000, immutable",
      "",
      "/reasons/",
      "  Cache-Control: public, max-age=0, must-revalidate",
      "  link: </b.css>; rel=preload",
      "/posts/:slug/card.png",
      "  X-Card: yes",
      "/favicon.svg",
      "  X-Icon: yes",
    ].join("\r\n"),
  );

  it("applies a `*` rule to every path, and one under a folder only to that folder", () => {
    for (const path of ["/", "/reasons/", "/_astro/site.js", "/no/such/page"]) {
      expect(headersFor(rules, path)["x-content-type-options"], path).toBe("nosniff");
    }
    expect(headersFor(rules, "/_astro/site.js")["cache-control"]).toBe("public, max-age=31536000, immutable");
    for (const path of ["/_astro", "/x/_astro/site.js", "/"]) {
      expect(headersFor(rules, path)["cache-control"], path).toBeUndefined();
    }
  });

  it("applies the headers of every rule that matches", () => {
    expect(headersFor(rules, "/reasons/")).toMatchObject({
      "x-content-type-options": "nosniff",
      "cache-control": "public, max-age=0, must-revalidate",
    });
  });

  it("joins a header set by several rules, in file order, whatever the case of its name", () => {
    expect(headersFor(rules, "/reasons/")["link"]).toBe("</a.css>; rel=preload, </b.css>; rel=preload");
    expect(headersFor(rules, "/summary/")["link"]).toBe("</a.css>; rel=preload");
  });

  it("matches a path rule exactly: not the path without its slash, nor below it", () => {
    for (const path of ["/reasons", "/reasons/more/", "/x/reasons/"]) {
      expect(headersFor(rules, path)["cache-control"], path).toBeUndefined();
    }
  });

  it("reads `:name` as one path segment, and `.` as itself", () => {
    expect(headersFor(rules, "/posts/first/card.png")["x-card"]).toBe("yes");
    expect(headersFor(rules, "/posts/a/b/card.png")["x-card"]).toBeUndefined();
    expect(headersFor(rules, "/favicon.svg")["x-icon"]).toBe("yes");
    expect(headersFor(rules, "/faviconXsvg")["x-icon"]).toBeUndefined();
  });

  it("refuses a header line it cannot read rather than dropping it", () => {
    expect(() => parseHeaderRules("  X-Orphan: yes")).toThrow(/X-Orphan/);
    expect(() => parseHeaderRules("/*\n  no colon here")).toThrow(/no colon here/);
  });
});
