import { createReadStream, existsSync, readFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** One block of a Netlify/Cloudflare Pages `_headers` file: a path pattern and its headers. */
export interface HeaderRule {
  pattern: RegExp;
  headers: [name: string, value: string][];
}

/**
 * Parses `_headers` as Netlify and Cloudflare Pages do: an unindented line is a path pattern
 * (`*` matches anything, `:name` one segment), indented `Name: value` lines below it are headers,
 * `#` starts a comment. Header names are lower-cased, as HTTP compares them without case.
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
      rules.push({ pattern: new RegExp(`^${source}$`), headers: [] });
      continue;
    }
    const separator = line.indexOf(":");
    const rule = rules.at(-1);
    if (!rule || separator === -1) throw new Error(`_headers: cannot read the line "${line.trim()}".`);
    rule.headers.push([line.slice(0, separator).trim().toLowerCase(), line.slice(separator + 1).trim()]);
  }
  return rules;
}

/**
 * The headers of every rule matching `pathname`, in file order; a header set by several rules
 * joins their values with ", ", as Netlify and Cloudflare Pages do.
 */
export function headersFor(rules: readonly HeaderRule[], pathname: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const rule of rules) {
    if (!rule.pattern.test(pathname)) continue;
    for (const [name, value] of rule.headers) {
      const previous = headers[name];
      headers[name] = previous === undefined ? value : `${previous}, ${value}`;
    }
  }
  return headers;
}

/**
 * Serves a built site the way a static host does: `/x/` → `x/index.html`, `/x` → redirect to
 * `/x/`, anything else missing → `404.html` with status 404, headers from `_headers`. Listens on
 * 127.0.0.1 only.
 */
export async function serveStatic(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const headersFile = join(root, "_headers");
  const rules = existsSync(headersFile) ? parseHeaderRules(readFileSync(headersFile, "utf8")) : [];
  const server: Server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? "/", "http://127.0.0.1");
    for (const [name, value] of Object.entries(headersFor(rules, pathname))) response.setHeader(name, value);
    const decoded = decodeURIComponent(pathname);
    const file = normalize(join(root, decoded));
    if (!file.startsWith(root + sep) && file !== root) {
      response.writeHead(400).end();
      return;
    }
    let target: string | undefined;
    if (decoded.endsWith("/")) {
      if (await isFile(join(file, "index.html"))) target = join(file, "index.html");
    } else if (await isFile(file)) {
      target = file;
    } else if (await isFile(join(file, "index.html"))) {
      response.writeHead(301, { location: `${pathname}/` }).end();
      return;
    }
    const status = target ? 200 : 404;
    target ??= join(root, "404.html");
    response.writeHead(status, {
      "content-type": CONTENT_TYPES[extname(target)] ?? "application/octet-stream",
    });
    createReadStream(target).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
