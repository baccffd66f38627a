import { readdir, readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, relative, sep } from "node:path";
import { gzipSync } from "node:zlib";
import { headersFor, parseHeaderRules } from "../../support/static-server.ts";

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

/** A response body held in memory, with its gzip form made once so that serving costs no CPU mid-trace. */
export interface ServedFile {
  extension: string;
  body: Buffer;
  gzipped: Buffer | undefined;
}

export function servedFile(extension: string, body: Buffer | string): ServedFile {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  return {
    extension,
    body: bytes,
    // Level 9: static hosts pre-compress at build or cache the compressed form, so the bytes on the
    // wire are the smallest gzip, and a one-off cost here never lands inside a measured request.
    gzipped: COMPRESSIBLE.has(extension) ? gzipSync(bytes, { level: 9 }) : undefined,
  };
}

/**
 * What a real static host sends: hashed `/_astro/` assets may be cached forever, HTML must be
 * revalidated (it names the current hashes), and other public files are revalidated as on
 * Netlify or Cloudflare Pages, whose default for files without a hash in the name this is.
 */
function cacheControlFor(pathname: string, extension: string): string {
  if (pathname.startsWith("/_astro/")) return "public, max-age=31536000, immutable";
  if (extension === ".html") return "no-cache";
  return "public, max-age=0, must-revalidate";
}

function acceptsGzip(request: IncomingMessage): boolean {
  const header = request.headers["accept-encoding"];
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  return value
    .split(",")
    .map((part) => part.trim().split(";"))
    .some(
      ([coding, ...params]) => coding === "gzip" && !params.some((param) => /^\s*q=0(\.0*)?\s*$/.test(param)),
    );
}

function send(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  pathname: string,
  file: ServedFile,
  hostHeaders: Record<string, string>,
): void {
  const useGzip = file.gzipped !== undefined && acceptsGzip(request);
  const body = useGzip && file.gzipped ? file.gzipped : file.body;
  const headers: Record<string, string | number> = {
    "cache-control": cacheControlFor(pathname, file.extension),
    ...hostHeaders,
    "content-type": CONTENT_TYPES[file.extension] ?? "application/octet-stream",
    "content-length": body.length,
  };
  if (file.gzipped !== undefined) headers["vary"] = "Accept-Encoding";
  if (useGzip) headers["content-encoding"] = "gzip";
  response.writeHead(status, headers);
  response.end(request.method === "HEAD" ? undefined : body);
}

/** Every file of `root` by its site path (`/index.html`, `/reasons/index.html`, `/favicon.svg`). */
export async function snapshotSite(root: string): Promise<Map<string, ServedFile>> {
  const files = new Map<string, ServedFile>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const sitePath = `/${relative(root, path).split(sep).join("/")}`;
    files.set(sitePath, servedFile(extname(entry.name), await readFile(path)));
  }
  return files;
}

export interface BenchServer {
  url: string;
  close: () => Promise<void>;
}

/** Files a host reads as its configuration and never serves. */
const HOST_CONFIG_FILES = new Set(["/_headers", "/_redirects"]);

/**
 * Serves a site snapshot like a static host with compression and cache headers (`/x/` →
 * `x/index.html`, `/x` → 301 to `/x/`, anything missing → `404.html` with status 404), applying
 * the site's own `_headers` when it has one, as Netlify and Cloudflare Pages do. It serves from
 * memory, so a run measures the page rather than the disk, and a rebuild of `dist/` by someone
 * else mid-bench cannot change what is measured. `extraRoutes` (the floor page) are served as
 * they are: the site's headers, its Content Security Policy above all, are not theirs.
 */
export async function serveForBench(
  site: ReadonlyMap<string, ServedFile>,
  extraRoutes: ReadonlyMap<string, ServedFile>,
): Promise<BenchServer> {
  const notFound = site.get("/404.html");
  if (!notFound) throw new Error("The site has no 404.html to serve for missing paths.");
  const headersFile = site.get("/_headers");
  const rules = headersFile ? parseHeaderRules(headersFile.body.toString("utf8")) : [];
  const files = new Map([...site].filter(([path]) => !HOST_CONFIG_FILES.has(path)));

  const server = createServer((request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const { pathname } = new URL(request.url ?? "/", "http://127.0.0.1");
    let sitePath: string;
    try {
      sitePath = decodeURIComponent(pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    const filePath = sitePath.endsWith("/") ? `${sitePath}index.html` : sitePath;
    const extra = extraRoutes.get(filePath);
    const file = files.get(filePath);
    if (extra) {
      send(request, response, 200, sitePath, extra, {});
    } else if (file) {
      send(request, response, 200, sitePath, file, headersFor(rules, sitePath));
    } else if (!sitePath.endsWith("/") && files.has(`${sitePath}/index.html`)) {
      response
        .writeHead(301, { location: `${pathname}/`, "cache-control": "no-cache", "content-length": 0 })
        .end();
    } else {
      send(request, response, 404, "/404.html", notFound, headersFor(rules, "/404.html"));
    }
  });
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
