import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { getTransformedRoutes } from "@vercel/routing-utils";
import { CspEvaluator } from "csp_evaluator/dist/evaluator.js";
import { Severity } from "csp_evaluator/dist/finding.js";
import { CspParser } from "csp_evaluator/dist/parser.js";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { pagePolicy } from "../../src/build/page-pass";
import { THEME_STORAGE_KEY } from "../../src/scripts/theme-store";
import {
  makeThrowawayTls,
  startCaddy,
  startFirebaseHost,
  startModelHost,
  startNginx,
  type RunningHost,
  type ThrowawayTls,
} from "../support/hosts";
import { readPage } from "../support/built-site";
import { sitePages } from "../support/site";
import { headersFor, HOST_MODELS, parseHeaderRules } from "../support/static-server";
import { CHROMIUM_ARGS } from "../support/system-programs";

/**
 * The site as each host serves it, for real: the tests' own server applying `_headers` the
 * Cloudflare Pages way and the Netlify way, nginx and Caddy with the files the build wrote for
 * them, and Firebase Hosting's superstatic with its firebase.json; Vercel's file through Vercel's
 * own routing code. Every host must send every path what `_headers` says under Cloudflare Pages'
 * merge rule (the reference), so a rule set that only works under one host fails here.
 */
const distDir = inject("distDir");
const hostingDir = resolve(distDir, "../hosting");
const site = sitePages(distDir);
const rules = parseHeaderRules(readFileSync(join(distDir, "_headers"), "utf8"));
const HEADERS = [
  "content-security-policy",
  "x-content-type-options",
  "referrer-policy",
  "permissions-policy",
  "strict-transport-security",
  "cross-origin-opener-policy",
  "cache-control",
] as const;

const asset = `/_astro/${readFileSync(join(distDir, "index.html"), "utf8").match(/\/_astro\/(site\.[\w-]+\.js)/)?.[1]}`;
const MISSING = "/no-such-page/";
/** Every page, a missing path, a hashed asset and a share card. */
const PATHS = [...site.all, MISSING, asset, "/og/index.png"];
/** One page of each kind the Observatory grades (it refuses a 404), the search page among them. */
const GRADED = [...site.oneOfEachKind.filter((path) => path.endsWith("/")), "/tags/", ...site.search];

const expected = (path: string) => headersFor(rules, path, "cloudflare");

const { nginx, caddy, openssl } = inject("hostPrograms");
const tlsDir = mkdtempSync(join(tmpdir(), "hosts-tls-"));
let tls: ThrowawayTls;
const hosts: RunningHost[] = [];

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function get(host: RunningHost, path: string): Promise<Reply> {
  return new Promise((resolvePromise, reject) => {
    const url = new URL(path, host.httpsUrl);
    request(url, { ca: readFileSync(tls.caFile) }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers))
          if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
        resolvePromise({ status: response.statusCode ?? 0, headers, body });
      });
    })
      .on("error", reject)
      .end();
  });
}

beforeAll(async () => {
  tls = makeThrowawayTls(openssl, tlsDir);
  const files = { dist: distDir, hosting: hostingDir };
  hosts.push(
    ...(await Promise.all([
      ...HOST_MODELS.map((model) => startModelHost(model, files, tls)),
      startNginx(nginx, files, tls),
      startCaddy(caddy, files, tls),
      startFirebaseHost(files, tls),
    ])),
  );
});

afterAll(async () => {
  await Promise.all(hosts.map((host) => host.close()));
  rmSync(tlsDir, { recursive: true, force: true });
});

describe("_headers stays within what Cloudflare Pages applies, whatever the size of the site", () => {
  it("has at most 10 rules and no line over 2,000 characters", () => {
    const text = readFileSync(join(distDir, "_headers"), "utf8");
    expect(rules.length).toBeLessThanOrEqual(10);
    for (const line of text.split("\n")) expect(line.length, line.slice(0, 60)).toBeLessThanOrEqual(2000);
  });
});

describe("every host sends every path the headers _headers gives it", () => {
  for (const index of [0, 1, 2, 3, 4]) {
    it(`host ${index + 1} of 5: same security headers and caching on every path; 404 page for a missing one`, async () => {
      const host = hosts[index] as RunningHost;
      for (const path of PATHS) {
        const reply = await get(host, path);
        // The 404 page itself may be sent as what it is (superstatic, like Firebase, says 404).
        const statuses = path === MISSING ? [404] : site.notFound.includes(path) ? [200, 404] : [200];
        expect(statuses, `${host.name} ${path}: ${reply.status}`).toContain(reply.status);
        for (const name of HEADERS)
          expect(reply.headers[name], `${host.name} ${path} ${name}`).toBe(expected(path)[name]);
      }
      const missing = await get(host, MISSING);
      expect(missing.body, host.name).toContain(readPage(distDir, "/404.html").document.title);
      // A folder without its slash goes to the folder's page, on the same host.
      const bare = await get(host, site.articles[0]?.path.slice(0, -1) ?? "/x");
      expect([301, 308], host.name).toContain(bare.status);
      expect(new URL(bare.headers["location"] ?? "", host.httpsUrl).pathname, host.name).toBe(
        site.articles[0]?.path,
      );
    });
  }

  it("Vercel (its own routing code): vercel.json gives every path the same headers", () => {
    const config = JSON.parse(readFileSync(join(hostingDir, "vercel.json"), "utf8")) as Required<
      Pick<Parameters<typeof getTransformedRoutes>[0], "headers" | "trailingSlash">
    >;
    const { routes, error } = getTransformedRoutes({
      headers: config.headers,
      trailingSlash: config.trailingSlash,
    });
    expect(error).toBeNull();
    for (const path of PATHS) {
      // Routes that `continue` add their headers in order, a later value replacing an earlier one.
      const headers: Record<string, string> = {};
      for (const route of routes ?? []) {
        if (!("src" in route) || !("continue" in route) || !route.continue || !route.headers) continue;
        if (!new RegExp(route.src).test(path)) continue;
        for (const [name, value] of Object.entries(route.headers)) headers[name.toLowerCase()] = value;
      }
      for (const name of HEADERS) expect(headers[name], `vercel ${path} ${name}`).toBe(expected(path)[name]);
    }
  });
});

describe("the MDN HTTP Observatory (its own retriever, tests and grader) over HTTPS", () => {
  const run = promisify(execFile);
  const scanner = resolve("tests/support/observatory-scan.ts");

  async function grade(host: RunningHost, path: string) {
    const { stdout } = await run(
      process.execPath,
      [scanner, "127.0.0.1", new URL(host.httpUrl).port, new URL(host.httpsUrl).port, path],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.caFile } },
    );
    return JSON.parse(stdout) as {
      grade: string;
      score: number;
      status: number;
      tests: Record<string, { result: string }>;
    };
  }

  it("grades one page of each kind A+ on every host", async () => {
    const results: string[] = [];
    for (const host of hosts) {
      const grades = await Promise.all(GRADED.map((path) => grade(host, path)));
      grades.forEach((result, index) => {
        const failing = Object.entries(result.tests)
          .filter(([, test]) => /missing|invalid|not-implemented|unsafe(?!$)/.test(test.result))
          .map(([name, test]) => `${name}: ${test.result}`);
        // The Observatory also grades a 401 or 403; the page itself must have been served.
        const grade = result.status === 200 ? result.grade : `status ${result.status}`;
        results.push(
          `${host.name} ${GRADED[index]}: ${grade} (${result.score}) ${failing.join(", ")}`.trim(),
        );
      });
    }
    expect(results.filter((line) => !/: A\+ \(/.test(line))).toEqual([]);
    expect(results).toHaveLength(hosts.length * GRADED.length);
  }, 180_000);
});

describe("csp_evaluator on every policy a page receives", () => {
  it("finds nothing HIGH or MEDIUM in the header policies and the <meta> ones ('self' aside)", () => {
    const policies = new Set<string>();
    for (const path of [...site.all, MISSING]) {
      const header = expected(path)["content-security-policy"];
      if (header) policies.add(header);
      if (path !== MISSING) policies.add(pagePolicy(readPage(distDir, path).html) ?? "");
    }
    const findings = [...policies].flatMap((policy) =>
      new CspEvaluator(new CspParser(policy).csp)
        .evaluate()
        .filter((finding) => finding.severity <= Severity.MEDIUM || finding.severity === Severity.HIGH_MAYBE)
        .map((finding) => `${Severity[finding.severity]} ${finding.directive}: ${finding.description}`),
    );
    expect(findings).toEqual([]);
    expect(policies.size).toBeGreaterThan(1);
  });
});

describe("code added to a built page does not run under any host's headers", () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: inject("chromiumPath"), args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("blocks an inline script and an inline style, with the page's own <meta> policy removed", async () => {
    const blocked: string[] = [];
    for (const host of hosts) {
      for (const path of ["/", site.search[0] ?? "/search/"]) {
        const context = await (browser as Browser).newContext({ ignoreHTTPSErrors: true });
        const page = await context.newPage();
        await page.route(`${host.httpsUrl}${path}`, async (route) => {
          const response = await route.fetch();
          const tampered = (await response.text())
            .replace(/<meta http-equiv="content-security-policy"[^>]*>/, "")
            .replace(
              "</head>",
              "<style>html{background:rgb(255,0,0)!important}</style><script>window.tampered=1</script></head>",
            );
          await route.fulfill({ response, body: tampered });
        });
        const violations: string[] = [];
        page.on("console", (message) => {
          if (/Content Security Policy/.test(message.text())) violations.push(message.text());
        });
        await page.goto(`${host.httpsUrl}${path}`);
        const state = await page.evaluate(() => ({
          script: (window as unknown as { tampered?: number }).tampered ?? null,
          meta: document.querySelector('meta[http-equiv="content-security-policy"]') !== null,
          background: getComputedStyle(document.documentElement).backgroundColor,
        }));
        expect(state.meta, `${host.name} ${path}`).toBe(false);
        expect(state.script, `${host.name} ${path}: the added script ran`).toBeNull();
        expect(state.background, `${host.name} ${path}: the added style applied`).not.toBe("rgb(255, 0, 0)");
        expect(violations.length, `${host.name} ${path}`).toBeGreaterThanOrEqual(2);
        blocked.push(`${host.name} ${path}`);
        await context.close();
      }
    }
    expect(blocked).toHaveLength(hosts.length * 2);
  }, 120_000);

  it("still runs the site's own inline theme script and stylesheet under every host's headers", async () => {
    for (const host of hosts) {
      const context = await (browser as Browser).newContext({ ignoreHTTPSErrors: true });
      const page = await context.newPage();
      const violations: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy/.test(message.text())) violations.push(message.text());
      });
      await page.addInitScript((key) => localStorage.setItem(key, "dark"), THEME_STORAGE_KEY);
      await page.goto(`${host.httpsUrl}/`);
      // The theme boot ran (it set the stored theme) and the stylesheet applied (min-h-dvh).
      expect(await page.locator("html").getAttribute("data-theme"), host.name).toBe("dark");
      expect(await page.evaluate(() => getComputedStyle(document.body).minHeight), host.name).not.toBe("0px");
      expect(violations, host.name).toEqual([]);
      await context.close();
    }
  });
});
