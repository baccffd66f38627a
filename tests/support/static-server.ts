import { createReadStream } from "node:fs";
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

/**
 * Serves a built site the way a static host does: `/x/` → `x/index.html`, `/x` → redirect to
 * `/x/`, anything else missing → `404.html` with status 404. Listens on 127.0.0.1 only.
 */
export async function serveStatic(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? "/", "http://127.0.0.1");
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
