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

interface HeaderRule {
  pattern: RegExp;
  headers: [string, string][];
}

/** The rules of a Netlify/Cloudflare-style `_headers` file (`*` matches any characters). */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const [path, ...lines] = block.split("\n").filter((line) => line.trim() !== "");
    if (!path) continue;
    const pattern = new RegExp(
      `^${path
        .trim()
        .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")}$`,
    );
    const headers = lines.map((line): [string, string] => {
      const at = line.indexOf(":");
      return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    });
    rules.push({ pattern, headers });
  }
  return rules;
}

/**
 * Serves a built site the way a static host does: `/x/` → `x/index.html`, `/x` → redirect to
 * `/x/`, anything else missing → `404.html` with status 404, headers from `_headers`. Listens on
 * 127.0.0.1 only.
 */
export async function serveStatic(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const headersFile = join(root, "_headers");
  const rules = existsSync(headersFile) ? parseHeadersFile(readFileSync(headersFile, "utf8")) : [];
  const server: Server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? "/", "http://127.0.0.1");
    // Like a static host that reads _headers: every matching rule's headers apply.
    for (const rule of rules) {
      if (rule.pattern.test(pathname))
        for (const [name, value] of rule.headers) response.setHeader(name, value);
    }
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
