import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, extname, join, relative, sep } from "node:path";
import { gzipSync } from "node:zlib";
import sirv from "sirv";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".woff2": "font/woff2",
  ".ico": "image/x-icon",
};

function contentType(path: string): string {
  return CONTENT_TYPES[extname(path)] ?? "application/octet-stream";
}

/** Types a CDN compresses; images and fonts are compressed already and would only grow. */
const COMPRESSIBLE = new Set([
  ".html",
  ".css",
  ".js",
  ".mjs",
  ".svg",
  ".xml",
  ".json",
  ".webmanifest",
  ".txt",
]);

/** Files a host reads as its configuration and never serves. */
const HOST_CONFIG_FILES = new Set(["/_headers", "/_redirects"]);

/** One block of a Netlify/Cloudflare Pages `_headers` file: a path pattern and its lines. */
export interface HeaderRule {
  pattern: RegExp;
  headers: [name: string, value: string][];
  /** `! Name` lines: Cloudflare Pages removes these headers, as set by earlier rules. */
  detach: string[];
}

/**
 * How a host merges the rules that match one path. Cloudflare Pages applies every matching rule in
 * file order, joins a header set by several with ", ", and lets `! Name` remove what earlier rules
 * set (workers-sdk, pages-shared/asset-server/handler.ts). Netlify lets a later rule's value of a
 * header replace an earlier one's and skips a line without a colon, `! Name` included
 * (netlify-cli's headersForPath; netlify/build's headers-parser line_parser.ts).
 */
export type HostModel = "cloudflare" | "netlify";

export const HOST_MODELS: readonly HostModel[] = ["cloudflare", "netlify"];

/**
 * Parses `_headers` as Netlify and Cloudflare Pages do: an unindented line is a path pattern
 * (`*` matches anything, `:name` one segment), indented `Name: value` lines below it are headers
 * (the same name twice in one rule is joined with ", "), `! Name` detaches, `#` starts a comment.
 * Header names are lower-cased, as HTTP compares them without case.
 */
export function parseHeaderRules(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      const source = line
        .trim()
        .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/:[A-Za-z]\w*/g, "[^/]+");
      rules.push({ pattern: new RegExp(`^${source}$`), headers: [], detach: [] });
      continue;
    }
    const rule = rules.at(-1);
    const detached = /^\s+!\s*([\w-]+)\s*$/.exec(line)?.[1];
    const separator = line.indexOf(":");
    if (!rule || (separator === -1 && !detached))
      throw new Error(`_headers: cannot read the line "${line.trim()}".`);
    if (detached) {
      rule.detach.push(detached.toLowerCase());
      continue;
    }
    const name = line.slice(0, separator).trim().toLowerCase();
    const value = line.slice(separator + 1).trim();
    const same = rule.headers.find(([other]) => other === name);
    if (same) same[1] = `${same[1]}, ${value}`;
    else rule.headers.push([name, value]);
  }
  return rules;
}

/** The headers a host of the kind `host` sends for `pathname` from the rules that match it. */
export function headersFor(
  rules: readonly HeaderRule[],
  pathname: string,
  host: HostModel = "cloudflare",
): Record<string, string> {
  const headers = new Map<string, string>();
  const setByRules = new Set<string>();
  for (const rule of rules) {
    if (!rule.pattern.test(pathname)) continue;
    if (host === "cloudflare") for (const name of rule.detach) headers.delete(name);
    for (const [name, value] of rule.headers) {
      const previous = headers.get(name);
      const joined = host === "cloudflare" && setByRules.has(name) && previous !== undefined;
      headers.set(name, joined ? `${previous}, ${value}` : value);
      setByRules.add(name);
    }
  }
  return Object.fromEntries(headers);
}

/**
 * What a static host sends when `_headers` says nothing: hashed `/_astro/` assets may be cached
 * forever, HTML must be revalidated (it names the current hashes), and other public files are
 * revalidated, Netlify's and Cloudflare Pages' default for files without a hash in the name.
 */
function defaultCacheControl(pathname: string, file: string): string {
  if (pathname.startsWith("/_astro/")) return "public, max-age=31536000, immutable";
  if (extname(file) === ".html") return "no-cache";
  return "public, max-age=0, must-revalidate";
}

/** Every file under `root` by its site path (`/index.html`, `/reasons/index.html`, `/favicon.svg`). */
async function sitePaths(root: string): Promise<string[]> {
  const paths: string[] = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      paths.push(`/${relative(root, join(entry.parentPath, entry.name)).split(sep).join("/")}`);
  }
  return paths.sort();
}

export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

/**
 * Where a server started with `frameable` answers with the test harness page: one iframe, of the
 * width and height in the query (`?width=320&height=640`), for the page under test.
 */
export const FRAME_HARNESS_PATH = "/__frame__/";

export interface ServeOptions {
  /**
   * Site paths (`/__floor__/`) answered without the rules of the site's `_headers`: pages that are
   * not the site's, such as the bench's floor, whose Content Security Policy the site's is not.
   */
  withoutSiteHeaders?: readonly string[];
  /**
   * Lets the site's pages be framed by pages of their own origin (`frame-ancestors 'self'` for
   * the site's `'none'`) and serves the harness at FRAME_HARNESS_PATH. Only for WebKitGTK, whose
   * window cannot be made as narrow as a phone: the page is measured in an iframe of the phone's
   * size. Every other header, the CSP included, stays the site's.
   */
  frameable?: boolean;
  /** How the rules of `_headers` are merged: Cloudflare Pages' way (the default) or Netlify's. */
  host?: HostModel;
}

function frameHarness(query: URLSearchParams): string {
  const size = (name: string) => Math.round(Number(query.get(name)) || 0);
  return `<!doctype html><html lang="ja"><title>frame</title><body style="margin:0"><iframe id="page" title="page" style="display:block;border:0;width:${size("width")}px;height:${size("height")}px"></iframe>`;
}

/**
 * Serves a built site the way a static host does: `/x/` → `x/index.html`, `/x` → 301 to `/x/`,
 * anything else missing → `404.html` with status 404, the headers of every `_headers` rule that
 * matches (but never `_headers` itself), default cache headers, and a precompressed `x.gz` instead
 * of `x` to clients that accept gzip (see `snapshotSite`). Listens on 127.0.0.1 only.
 *
 * sirv sends the files (the gzip form when there is one, Range requests, Content-Length). The
 * routing around it is ours: sirv would answer `/x` with `x/index.html` instead of redirecting
 * (relative links would then resolve against the wrong folder), `/404` with `404.html`, and a
 * missing path only with its own bare 404, as it sends every file with status 200.
 */
export async function serveStatic(root: string, options: ServeOptions = {}): Promise<StaticServer> {
  const paths = await sitePaths(root);
  const onDisk = new Set(paths);
  // A gzip form beside its original is how the original is sent, not a file of its own.
  const files = new Set(
    paths.filter(
      (path) => !HOST_CONFIG_FILES.has(path) && !(path.endsWith(".gz") && onDisk.has(path.slice(0, -3))),
    ),
  );
  const notFoundPage = await readFile(join(root, "404.html")).catch(() => {
    throw new Error(`${root} has no 404.html to serve for missing paths.`);
  });
  const notFoundGzipped = onDisk.has("/404.html.gz") ? await readFile(join(root, "404.html.gz")) : undefined;
  const rules = onDisk.has("/_headers")
    ? parseHeaderRules(await readFile(join(root, "_headers"), "utf8"))
    : [];
  const withoutSiteHeaders = new Set(options.withoutSiteHeaders);
  // Which paths exist is decided above, so sirv's own rules (dotfiles, `x.html` for `/x`) are off.
  const assets = sirv(root, { gzip: true, extensions: [], dotfiles: true });

  const notFound = (
    request: IncomingMessage,
    response: ServerResponse,
    sitePath: string,
    siteHeaders: Record<string, string>,
  ) => {
    // The same test of Accept-Encoding as sirv makes for the files it sends.
    const gzipped = notFoundGzipped && (request.headers["accept-encoding"] ?? "").includes("gzip");
    const body = gzipped ? notFoundGzipped : notFoundPage;
    response
      .writeHead(404, {
        "cache-control": defaultCacheControl(sitePath, "404.html"),
        ...siteHeaders,
        "content-type": contentType("404.html"),
        "content-length": body.length,
        ...(notFoundGzipped && { vary: "Accept-Encoding" }),
        ...(gzipped && { "content-encoding": "gzip" }),
      })
      .end(body);
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const { pathname, search } = new URL(request.url ?? "/", "http://127.0.0.1");
    let sitePath: string;
    try {
      sitePath = decodeURIComponent(pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    if (options.frameable && sitePath === FRAME_HARNESS_PATH) {
      response
        .writeHead(200, { "content-type": contentType("index.html"), "cache-control": "no-store" })
        .end(frameHarness(new URLSearchParams(search)));
      return;
    }
    const siteHeaders = withoutSiteHeaders.has(sitePath) ? {} : headersFor(rules, sitePath, options.host);
    const csp = siteHeaders["content-security-policy"];
    if (options.frameable && csp !== undefined) {
      siteHeaders["content-security-policy"] = csp.replace(
        "frame-ancestors 'none'",
        "frame-ancestors 'self'",
      );
    }
    const file = sitePath.endsWith("/") ? `${sitePath}index.html` : sitePath;
    if (!files.has(file)) {
      if (sitePath.endsWith("/") || !files.has(`${sitePath}/index.html`)) {
        notFound(request, response, sitePath, siteHeaders);
      } else {
        response
          .writeHead(301, {
            "cache-control": "no-cache",
            ...siteHeaders,
            location: `${pathname}/${search}`,
            "content-length": 0,
          })
          .end();
      }
      return;
    }
    // sirv keeps the headers already set on the response over those it works out itself.
    response.setHeader("cache-control", defaultCacheControl(sitePath, file));
    for (const [name, value] of Object.entries(siteHeaders)) response.setHeader(name, value);
    response.setHeader("content-type", contentType(file));
    // The exact file, still percent-encoded as sirv expects: its own lookup would also try `x.html`.
    request.url = pathname.endsWith("/") ? `${pathname}index.html` : pathname;
    // sirv lists the folder once too; a file it did not see (added meanwhile) gets the 404 page.
    assets(request, response, () => notFound(request, response, sitePath, siteHeaders));
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Chrome keeps idle keep-alive sockets open; without this, close() would wait for them.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A private copy of a built site, with a gzip form beside each compressible file. */
export interface SiteSnapshot {
  dir: string;
  /** The site's own files by site path (`/index.html`, `/reasons/index.html`): not gzip forms, nor added files. */
  paths: readonly string[];
  /** Adds a file (and its gzip form) to the copy; call it before `serveStatic` reads the folder. */
  add: (path: string, body: string) => Promise<{ bytes: number; gzippedBytes: number | undefined }>;
  remove: () => Promise<void>;
}

/** Writes `path` under `dir`, and beside it `path.gz` at level 9 when a host would compress it. */
async function writeWithGzip(dir: string, path: string, body: Buffer) {
  const file = join(dir, ...path.split("/"));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, body);
  if (!COMPRESSIBLE.has(extname(path))) return { bytes: body.length, gzippedBytes: undefined };
  // Level 9: static hosts pre-compress at build or cache the compressed form, so the bytes on the
  // wire are the smallest gzip, and the cost is paid here, never inside a measured request.
  const gzipped = gzipSync(body, { level: 9 });
  await writeFile(`${file}.gz`, gzipped);
  return { bytes: body.length, gzippedBytes: gzipped.length };
}

/**
 * Copies a built site to a temporary folder for `serveStatic`, compressing once what a host would
 * compress. The bench serves this copy, so a rebuild of `dist/` by someone else mid-run cannot
 * change what is measured, and no request waits for gzip.
 */
export async function snapshotSite(source: string): Promise<SiteSnapshot> {
  const dir = await mkdtemp(join(tmpdir(), "site-snapshot-"));
  const paths = await sitePaths(source);
  for (const path of paths) await writeWithGzip(dir, path, await readFile(join(source, path)));
  return {
    dir,
    paths,
    add: (path, body) => writeWithGzip(dir, path, Buffer.from(body)),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
