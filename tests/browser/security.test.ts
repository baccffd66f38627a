import { describe, expect, inject, it } from "vitest";
import { pagePolicy } from "../../src/build/page-pass";
import { PHONE, useBrowser } from "../support/browser";
import { MANUSCRIPT_ARTICLE as ARTICLE, sitePages } from "../support/site";

const { baseUrl, newPage } = useBrowser();
const PAGES = sitePages(inject("distDir")).all;

describe("Content Security Policy in a real browser", () => {
  it("loads and uses every page with zero CSP violations, console errors or foreign requests", async () => {
    const page = await newPage({ ...PHONE, reducedMotion: "reduce" });
    const problems: string[] = [];
    await page.exposeFunction("reportViolation", (text: string) => problems.push(text));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        (window as unknown as { reportViolation: (text: string) => void }).reportViolation(
          `${location.pathname}: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`,
        );
      });
    });
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("request", (request) => {
      if (new URL(request.url()).origin !== baseUrl) problems.push(`foreign request: ${request.url()}`);
    });
    for (const path of PAGES) {
      const response = await page.goto(`${baseUrl}${path}`, { waitUntil: "networkidle" });
      expect(response?.status(), path).toBe(200);
      // Exercise the scripts: theme, TOC panel, checklist.
      await page.getByText("ダーク", { exact: true }).click();
      if (await page.locator("toc-bar [aria-controls]").isVisible()) {
        await page.locator("toc-bar [aria-controls]").click();
        await page.keyboard.press("Escape");
      }
      const box = page.locator('summary-checklist input[type="checkbox"]').first();
      if (await box.count()) await box.check();
    }
    expect(problems).toEqual([]);
    await page.context().close();
    // Every page, each waiting for the network to go idle.
  }, 90_000);

  it("sends scripts and styles only with hashes: no 'unsafe-inline' for scripts", async () => {
    const page = await newPage(PHONE);
    await page.goto(`${baseUrl}${ARTICLE}`);
    const policy = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute("content");
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).toContain("form-action 'none'");
    // Images, fonts and fetches fall back to default-src: same origin only, no data: URLs.
    expect(policy).not.toMatch(/(?:img|font|connect)-src/);
    expect(policy).not.toContain("data:");
    const scriptSrc = /script-src ([^;]*)/.exec(policy ?? "")?.[1] ?? "";
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).toMatch(/'sha256-/);
    await page.context().close();
  });

  it("blocks an injected inline script", async () => {
    const page = await newPage(PHONE);
    const violations: string[] = [];
    await page.exposeFunction("reportViolation", (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) =>
        (window as unknown as { reportViolation: (text: string) => void }).reportViolation(
          event.violatedDirective,
        ),
      );
    });
    await page.goto(`${baseUrl}${ARTICLE}`);
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.injected = true";
      document.body.append(script);
    });
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
    await expect.poll(() => violations).toContain("script-src-elem");
    await page.context().close();
  });
});

describe("headers a static host sends from dist/_headers", () => {
  it("sends the CSP (with frame-ancestors) and the other security headers with every page", async () => {
    for (const path of [...sitePages(inject("distDir")).oneOfEachKind, "/no-such-page/"]) {
      const response = await fetch(`${baseUrl}${path}`);
      const policy = response.headers.get("content-security-policy") ?? "";
      expect(policy, path).toContain("frame-ancestors 'none'");
      expect(policy, path).toContain("object-src 'none'");
      // A page's own rule names its path; a missing path gets the 404 page, whose <meta> has it.
      if (path === "/no-such-page/")
        expect(pagePolicy(await response.text()), path).toContain("default-src 'self'");
      else expect(policy, path).toContain("default-src 'self'");
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("strict-transport-security"), path).toMatch(/max-age=\d+/);
      expect(response.headers.get("permissions-policy"), path).toContain("camera=()");
    }
    expect((await fetch(`${baseUrl}${ARTICLE}responses/`)).headers.get("cache-control")).toBe(
      "public, max-age=0, must-revalidate",
    );
  });

  it("allows every page's own scripts and styles in the header policy too", async () => {
    const page = await newPage(PHONE);
    for (const path of PAGES) {
      await page.goto(`${baseUrl}${path}`);
      const meta =
        (await page.locator('meta[http-equiv="content-security-policy"]').getAttribute("content")) ?? "";
      const header = (await fetch(`${baseUrl}${path}`)).headers.get("content-security-policy") ?? "";
      for (const hash of meta.match(/'sha256-[^']+'/g) ?? [])
        expect(header, `${path} ${hash}`).toContain(hash);
    }
    await page.context().close();
  });
});
