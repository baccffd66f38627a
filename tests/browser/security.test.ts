import { describe, expect, it } from "vitest";
import { PHONE, useBrowser } from "../support/browser";

const { baseUrl, newPage } = useBrowser();
const PAGES = ["/", "/reasons/", "/responses/", "/alternatives/", "/mindset/", "/summary/", "/404.html"];

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
      if (await page.locator("toc-bar button").isVisible()) {
        await page.locator("toc-bar button").click();
        await page.keyboard.press("Escape");
      }
      const box = page.locator('summary-checklist input[type="checkbox"]').first();
      if (await box.count()) await box.check();
    }
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("sends scripts and styles only with hashes: no 'unsafe-inline' for scripts", async () => {
    const page = await newPage(PHONE);
    await page.goto(`${baseUrl}/`);
    const policy = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute("content");
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).toContain("form-action 'none'");
    expect(policy).toContain("img-src 'self' data:");
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
    await page.goto(`${baseUrl}/`);
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
