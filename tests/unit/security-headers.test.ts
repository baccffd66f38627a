import { describe, expect, it } from "vitest";
import {
  buildHeadersFile,
  CONTENT_SECURITY_DIRECTIVES,
  policyForInlined,
  siteWidePolicy,
} from "../../src/build/security-headers";

const pageA =
  "default-src 'self'; script-src 'self' 'sha256-AAA=' 'sha256-BBB='; style-src 'self' 'sha256-CCC=';";
const pageB =
  "default-src 'self'; script-src 'self' 'sha256-BBB=' 'sha256-DDD='; style-src 'self' 'sha256-EEE=';";

describe("site-wide Content Security Policy for _headers", () => {
  it("allows every page's scripts and styles by hash, each once", () => {
    const policy = siteWidePolicy([pageA, pageB]);
    expect(policy).toContain("script-src 'self' 'sha256-AAA=' 'sha256-BBB=' 'sha256-DDD='");
    expect(policy).toContain("style-src 'self' 'sha256-CCC=' 'sha256-EEE='");
    expect(policy).not.toContain("unsafe-inline");
  });

  it("keeps the shared directives and adds frame-ancestors, which only works as a header", () => {
    const policy = siteWidePolicy([pageA]);
    for (const directive of CONTENT_SECURITY_DIRECTIVES) expect(policy).toContain(directive);
    expect(policy).toContain("frame-ancestors 'none'");
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
  const file = buildHeadersFile([pageA], ["/", "/reasons/", "/404.html"]);

  it("sends the security headers on every path", () => {
    const all = file.split("\n\n")[0] ?? "";
    expect(all.startsWith("/*\n")).toBe(true);
    for (const header of [
      "Content-Security-Policy:",
      "X-Content-Type-Options: nosniff",
      "Referrer-Policy: strict-origin-when-cross-origin",
      "Permissions-Policy: ",
      "Strict-Transport-Security: max-age=",
    ]) {
      expect(all).toContain(header);
    }
    expect(all, "caching is set per path, since hosts merge rules").not.toContain("Cache-Control");
  });

  it("caches hashed assets for a year and makes every page revalidate", () => {
    expect(file).toContain("/_astro/*\n  Cache-Control: public, max-age=31536000, immutable");
    for (const path of ["/", "/reasons/", "/404.html"]) {
      expect(file).toContain(`\n${path}\n  Cache-Control: public, max-age=0, must-revalidate`);
    }
  });
});
