import { describe, expect, it } from "vitest";
import { caddyfile, firebaseJson, headersFile, nginxConf, vercelJson } from "../../src/build/host-configs";
import {
  policyForInlined,
  siteHeaderRules,
  withoutNoneBesideSources,
  type HeaderRule,
} from "../../src/build/security-headers";
import { HOST_MODELS, headersFor, parseHeaderRules } from "../support/static-server";

const THEME = "'sha256-THEME='";
const STYLE = "'sha256-STYLE='";
const page = (formAction: string, extraScript = "") =>
  `default-src 'self'; object-src 'none'; base-uri 'none'; form-action ${formAction}; ` +
  `script-src 'self'${extraScript} ${THEME}; style-src 'self' ${STYLE}`;

const pages = [
  { path: "/", policy: page("'self'") },
  { path: "/line-koukan/", policy: page("'none'") },
  { path: "/search/", policy: page("'self'", " 'wasm-unsafe-eval'") },
  { path: "/404.html", policy: page("'none'") },
];
const rules = siteHeaderRules(pages);
const policyOf = (rule: HeaderRule | undefined) =>
  rule?.headers.find(([name]) => name === "Content-Security-Policy")?.[1] ?? "";

describe("the site's header rules", () => {
  it("are three, whatever the number of pages: /*, /_astro/* and the search folder", () => {
    expect(rules.map((rule) => rule.path)).toEqual(["/*", "/_astro/*", "/search/*"]);
    const many = Array.from({ length: 1000 }, (_, index) => ({
      path: `/a${index}/`,
      policy: page("'none'"),
    }));
    expect(siteHeaderRules([...pages, ...many]).map((rule) => rule.path)).toEqual([
      "/*",
      "/_astro/*",
      "/search/*",
    ]);
  });

  it("give /* one policy complete on its own, allowing every page's inline code and nothing page-only", () => {
    const site = policyOf(rules[0]);
    for (const directive of [
      "default-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      `script-src 'self' ${THEME}`,
      `style-src 'self' ${STYLE}`,
      "frame-ancestors 'none'",
    ])
      expect(site).toContain(directive);
    expect(site).not.toContain("wasm-unsafe-eval");
    expect(site).not.toMatch(/form-action [^;]*'none'/);
  });

  it("give the search page the same policy plus 'wasm-unsafe-eval'", () => {
    expect(policyOf(rules[2])).toBe(policyOf(rules[0]).replace(THEME, `${THEME} 'wasm-unsafe-eval'`));
  });

  it("refuse inline code that differs from page to page, which would make the policy grow", () => {
    const differing = Array.from({ length: 6 }, (_, index) => ({
      path: `/a${index}/`,
      policy: `style-src 'sha256-S${index}='`,
    }));
    expect(() => siteHeaderRules(differing)).toThrow(/grow with the site/);
  });
});

describe("_headers under each host's merge rule", () => {
  const parsed = parseHeaderRules(headersFile(rules));

  for (const host of HOST_MODELS) {
    it(`${host}: one complete Content-Security-Policy per path, the search page's with WebAssembly`, () => {
      for (const path of ["/", "/line-koukan/", "/no-such-page/", "/_astro/site.js"]) {
        expect(headersFor(parsed, path, host)["content-security-policy"], `${host} ${path}`).toBe(
          policyOf(rules[0]),
        );
      }
      expect(headersFor(parsed, "/search/", host)["content-security-policy"]).toBe(policyOf(rules[2]));
    });

    it(`${host}: one Cache-Control per path, immutable for hashed assets only`, () => {
      expect(headersFor(parsed, "/_astro/site.js", host)["cache-control"]).toBe(
        "public, max-age=31536000, immutable",
      );
      for (const path of ["/", "/search/", "/og/index.png"])
        expect(headersFor(parsed, path, host)["cache-control"], path).toBe(
          "public, max-age=0, must-revalidate",
        );
    });
  }

  it("without the detach lines, Cloudflare Pages would send two policies on the search page", () => {
    const joined = parseHeaderRules(headersFile(rules).replace(/^ {2}! .*\n/gm, ""));
    expect(headersFor(joined, "/search/", "cloudflare")["content-security-policy"]).toContain(
      ", default-src",
    );
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
  const pageA =
    "default-src 'self'; script-src 'self' 'sha256-AAA=' 'sha256-BBB='; style-src 'self' 'sha256-CCC=';";

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

describe("the other hosts' files say what _headers says", () => {
  it("nginx: every location repeats all headers (a location's add_header drops the server's), always", () => {
    const conf = nginxConf(rules);
    const blocks = conf.split(/^location /m);
    expect(blocks).toHaveLength(3);
    for (const block of blocks) {
      expect(block.match(/add_header Content-Security-Policy /g), block).toHaveLength(1);
      expect(block.match(/add_header X-Content-Type-Options "nosniff" always;/g), block).toHaveLength(1);
      expect(block.match(/add_header Cache-Control /g), block).toHaveLength(1);
    }
    expect(conf).toContain("error_page 404 /404.html;");
    expect(conf).toMatch(/location \^~ \/search\/ \{[^}]*'wasm-unsafe-eval'/);
    expect(conf).toMatch(/location \^~ \/_astro\/ \{[^}]*immutable/);
  });

  it("Caddy: headers in one route, in order, and the 404 page for a missing path", () => {
    const conf = caddyfile(rules);
    expect(conf.indexOf("route {")).toBeLessThan(conf.indexOf("header /search/* Content-Security-Policy"));
    expect(conf).toContain("rewrite * /404.html");
  });

  for (const [name, text, pattern] of [
    ["vercel.json", vercelJson(rules), (folder: string) => `${folder}(.*)`],
    ["firebase.json", firebaseJson(rules), (folder: string) => `${folder}**`],
  ] as const) {
    it(`${name}: the same rules in the same order, in the host's pattern language`, () => {
      const config = JSON.parse(text) as {
        headers?: { source: string; headers: { key: string; value: string }[] }[];
        hosting?: { headers: { source: string; headers: { key: string; value: string }[] }[] };
      };
      const entries = config.headers ?? config.hosting?.headers ?? [];
      expect(entries.map((entry) => entry.source)).toEqual(
        rules.map((rule) => pattern(rule.path.slice(0, -1))),
      );
      expect(entries.map((entry) => entry.headers.map(({ key, value }) => [key, value]))).toEqual(
        rules.map((rule) => rule.headers.map(([key, value]) => [key, value])),
      );
    });
  }
});
