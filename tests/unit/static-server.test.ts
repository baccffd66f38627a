import { request } from "node:http";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  headersFor,
  parseHeaderRules,
  serveStatic,
  snapshotSite,
  type SiteSnapshot,
  type StaticServer,
} from "../support/static-server";

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

  it("under Cloudflare Pages' rule, `! Name` removes what earlier rules set, and a later value follows alone", () => {
    const detaching = parseHeaderRules(
      ["/*", "  X-Policy: site", "  X-Other: kept", "/search/*", "  ! X-Policy", "  X-Policy: search"].join(
        "\n",
      ),
    );
    expect(headersFor(detaching, "/search/", "cloudflare")).toEqual({
      "x-policy": "search",
      "x-other": "kept",
    });
    expect(headersFor(detaching, "/", "cloudflare")).toEqual({ "x-policy": "site", "x-other": "kept" });
  });

  it("under Netlify's rule, a later matching rule's value replaces an earlier one's; one rule still joins", () => {
    expect(headersFor(rules, "/reasons/", "netlify")["link"]).toBe("</b.css>; rel=preload");
    const twice = parseHeaderRules(["/*", "  X-A: one", "  X-A: two"].join("\n"));
    expect(headersFor(twice, "/", "netlify")["x-a"]).toBe("one, two");
  });

  it("refuses a header line it cannot read rather than dropping it", () => {
    expect(() => parseHeaderRules("  X-Orphan: yes")).toThrow(/X-Orphan/);
    expect(() => parseHeaderRules("/*\n  no colon here")).toThrow(/no colon here/);
  });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw request, so that what is on the wire (gzip or not) is what the test sees. */
function get(url: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, init, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

const SITE: Record<string, string> = {
  "index.html": "<!doctype html><title>トップ</title>",
  "reasons/index.html": "<!doctype html><title>理由</title>",
  "404.html": "<!doctype html><title>見つかりません</title>",
  "_astro/site.abc123.js": "console.log('読み込み');",
  "favicon.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
  _headers: [
    "/*",
    "  Content-Security-Policy: default-src 'self'",
    "  X-Content-Type-Options: nosniff",
    "/_astro/*",
    "  Cache-Control: public, max-age=31536000, immutable",
    "/reasons/",
    "  Cache-Control: public, max-age=0, must-revalidate",
    "  Content-Security-Policy: frame-ancestors 'none'",
  ].join("\n"),
};

describe("the static server", () => {
  let source: string;
  let server: StaticServer;
  let snapshot: SiteSnapshot;
  let snapshotServer: StaticServer;

  beforeAll(async () => {
    source = await mkdtemp(join(tmpdir(), "static-server-test-"));
    for (const [path, text] of Object.entries(SITE)) {
      await mkdir(dirname(join(source, path)), { recursive: true });
      await writeFile(join(source, path), text);
    }
    server = await serveStatic(source);
    snapshot = await snapshotSite(source);
    await snapshot.add("/__floor__/index.html", "<!doctype html><title>床</title>");
    snapshotServer = await serveStatic(snapshot.dir, { withoutSiteHeaders: ["/__floor__/"] });
  });

  afterAll(async () => {
    await server.close();
    await snapshotServer.close();
    await snapshot.remove();
    await rm(source, { recursive: true, force: true });
  });

  it("listens on 127.0.0.1 only", () => {
    expect(new URL(server.url).hostname).toBe("127.0.0.1");
  });

  it("serves a folder's index.html for /x/, and redirects /x to /x/ keeping the query", async () => {
    const page = await get(`${server.url}/reasons/`);
    expect(page.status).toBe(200);
    expect(page.body.toString()).toBe(SITE["reasons/index.html"]);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    const redirect = await get(`${server.url}/reasons?from=share`);
    expect(redirect.status).toBe(301);
    expect(redirect.headers["location"]).toBe("/reasons/?from=share");
  });

  it("answers a missing path with 404.html and status 404, with the site's headers", async () => {
    for (const path of ["/no-such-page/", "/no-such-page", "/reasons/index.htm", "/favicon.svg/", "/404"]) {
      const reply = await get(`${server.url}${path}`);
      expect(reply.status, path).toBe(404);
      expect(reply.body.toString(), path).toBe(SITE["404.html"]);
      expect(reply.headers["x-content-type-options"], path).toBe("nosniff");
    }
    const head = await get(`${server.url}/no-such-page/`, { method: "HEAD" });
    expect(head.status).toBe(404);
    expect(head.body.length).toBe(0);
  });

  it("never serves the host's own configuration", async () => {
    expect((await get(`${server.url}/_headers`)).status).toBe(404);
  });

  it("sends the headers of every matching rule, a header set twice joined", async () => {
    const page = await get(`${server.url}/reasons/`);
    expect(page.headers["content-security-policy"]).toBe("default-src 'self', frame-ancestors 'none'");
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    expect(page.headers["cache-control"]).toBe("public, max-age=0, must-revalidate");
  });

  it("sends a host's cache headers where _headers says nothing", async () => {
    const cacheControl = async (path: string) => (await get(`${server.url}${path}`)).headers["cache-control"];
    expect(await cacheControl("/")).toBe("no-cache");
    expect(await cacheControl("/favicon.svg")).toBe("public, max-age=0, must-revalidate");
    expect(await cacheControl("/_astro/site.abc123.js")).toBe("public, max-age=31536000, immutable");
  });

  it("types text as UTF-8", async () => {
    const script = await get(`${server.url}/_astro/site.abc123.js`);
    expect(script.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(script.body.toString()).toBe(SITE["_astro/site.abc123.js"]);
  });

  it("refuses methods other than GET and HEAD", async () => {
    const reply = await get(`${server.url}/`, { method: "POST" });
    expect(reply.status).toBe(405);
    expect(reply.headers["allow"]).toBe("GET, HEAD");
  });

  it("serves a snapshot's level-9 gzip to clients that accept it, and the original to others", async () => {
    const gzipped = await get(`${snapshotServer.url}/reasons/`, { headers: { "accept-encoding": "gzip" } });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(gzipped.headers["content-length"]).toBe(String(gzipped.body.length));
    expect(gzipped.body.equals(gzipSync(SITE["reasons/index.html"] ?? "", { level: 9 }))).toBe(true);
    const plain = await get(`${snapshotServer.url}/reasons/`);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(SITE["reasons/index.html"]);
    expect((await get(`${snapshotServer.url}/reasons/index.html.gz`)).status).toBe(404);
    const missing = await get(`${snapshotServer.url}/no-such-page/`, {
      headers: { "accept-encoding": "gzip" },
    });
    expect(missing.status).toBe(404);
    expect(missing.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(missing.body).toString()).toBe(SITE["404.html"]);
  });

  it("serves a snapshot's added page without the site's headers, and lists only the site's files", async () => {
    const floor = await get(`${snapshotServer.url}/__floor__/`);
    expect(floor.status).toBe(200);
    expect(floor.headers["content-security-policy"]).toBeUndefined();
    expect(floor.headers["cache-control"]).toBe("no-cache");
    expect(snapshot.paths).toEqual(
      Object.keys(SITE)
        .map((path) => `/${path}`)
        .sort(),
    );
  });
});
