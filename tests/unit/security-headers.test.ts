import { describe, expect, it } from "vitest";
import {
  buildHeadersFile,
  policyForInlined,
  sharedPolicy,
  withoutNoneBesideSources,
} from "../../src/build/security-headers";

const pageA =
  "default-src 'self'; script-src 'self' 'sha256-AAA=' 'sha256-BBB='; style-src 'self' 'sha256-CCC=';";
const pageB =
  "default-src 'self'; script-src 'self' 'sha256-BBB=' 'sha256-DDD='; style-src 'self' 'sha256-EEE=';";

const searchPage =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-BBB='; style-src 'self' 'sha256-EEE=';";

describe("the policy _headers sends on every path", () => {
  const policy = sharedPolicy([
    { path: "/", policy: `object-src 'none'; form-action 'self'; ${pageA}` },
    { path: "/search/", policy: `object-src 'none'; form-action 'none'; ${searchPage}` },
  ]);

  it("keeps the directives every page has word for word, and adds frame-ancestors", () => {
    expect(policy).toBe("object-src 'none'; frame-ancestors 'none'");
  });

  it("leaves scripts, styles, forms and default-src to each page, so no page's allowance leaks to another", () => {
    for (const directive of ["script-src", "style-src", "form-action", "default-src", "wasm-unsafe-eval"])
      expect(policy).not.toContain(directive);
  });
});

describe("a 'none' beside other sources", () => {
  it("is dropped (browsers ignore it with a warning); a lone 'none' stays", () => {
    expect(withoutNoneBesideSources("form-action 'none' 'self'; object-src 'none'")).toBe(
      "form-action 'self'; object-src 'none'",
    );
  });
});

describe("a page's policy allows only what the page inlines", () => {
  it("replaces the hash lists with the page's own, keeping 'self' and the other directives", () => {
    const policy = policyForInlined(pageA, { scripts: ["'sha256-BBB='"], styles: ["'sha256-NEW='"] });
    expect(policy).toBe(
      "default-src 'self'; script-src 'self' 'sha256-BBB='; style-src 'self' 'sha256-NEW=';",
    );
  });

  it("lists a hash once, and leaves 'none' rather than an empty directive", () => {
    expect(
      policyForInlined("script-src 'sha256-A='; style-src 'self'", {
        scripts: [],
        styles: ["'sha256-S='", "'sha256-S='"],
      }),
    ).toBe("script-src 'none'; style-src 'self' 'sha256-S='");
  });
});

describe("_headers", () => {
  const pages = [
    { path: "/reasons/", policy: pageB },
    { path: "/", policy: pageA },
    { path: "/search/", policy: searchPage },
    { path: "/404.html", policy: pageA },
  ];
  const file = buildHeadersFile(pages);
  const rule = (path: string) => file.split("\n\n").find((block) => block.startsWith(`${path}\n`)) ?? "";

  it("sends the security headers on every path", () => {
    const all = rule("/*");
    for (const header of [
      "Content-Security-Policy: ",
      "frame-ancestors 'none'",
      "X-Content-Type-Options: nosniff",
      "Referrer-Policy: strict-origin-when-cross-origin",
      "Permissions-Policy: ",
      "Strict-Transport-Security: max-age=",
    ]) {
      expect(all).toContain(header);
    }
    expect(all, "caching is set per path, since hosts merge rules").not.toContain("Cache-Control");
  });

  it("sends each page its own policy, so only the search page allows WebAssembly", () => {
    expect(rule("/search/")).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-BBB='");
    expect(rule("/reasons/")).toContain("script-src 'self' 'sha256-BBB=' 'sha256-DDD='");
    expect(file.match(/wasm-unsafe-eval/g)).toHaveLength(1);
  });

  it("caches hashed assets for a year and makes every page revalidate", () => {
    expect(file).toContain("/_astro/*\n  Cache-Control: public, max-age=31536000, immutable");
    for (const { path } of pages)
      expect(rule(path)).toContain("Cache-Control: public, max-age=0, must-revalidate");
  });
});
