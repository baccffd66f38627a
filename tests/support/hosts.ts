import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer as createHttpServer, request as httpRequest, type RequestListener } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { connect, createServer as createNetServer, type AddressInfo } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import superstatic from "superstatic/lib/superstatic.js";
import { serveStatic, type HostModel } from "./static-server.ts";

/**
 * Real servers for the built site, each over HTTPS with a throwaway certificate and over HTTP
 * redirecting to it, as a host serves a site: the tests' own server under Cloudflare Pages' or
 * Netlify's merge rule for `_headers`, nginx and Caddy with the files the build wrote for them,
 * and superstatic (Firebase Hosting's own server library) with the build's firebase.json.
 */

/** A certificate authority made for one test run and a certificate it signed for 127.0.0.1. */
export interface ThrowawayTls {
  /** The CA's certificate, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  certFile: string;
  keyFile: string;
}

export function makeThrowawayTls(openssl: string, dir: string): ThrowawayTls {
  const file = (name: string) => join(dir, name);
  const run = (...args: string[]) => execFileSync(openssl, args, { stdio: ["ignore", "ignore", "pipe"] });
  run(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-subj",
    "/CN=Throwaway test CA",
    "-keyout",
    file("ca.key"),
    "-out",
    file("ca.pem"),
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  );
  run(
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-subj",
    "/CN=127.0.0.1",
    "-keyout",
    file("site.key"),
    "-out",
    file("site.csr"),
  );
  writeFileSync(
    file("site.ext"),
    "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
  );
  run(
    "x509",
    "-req",
    "-in",
    file("site.csr"),
    "-CA",
    file("ca.pem"),
    "-CAkey",
    file("ca.key"),
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    file("site.ext"),
    "-out",
    file("site.pem"),
  );
  return { caFile: file("ca.pem"), certFile: file("site.pem"), keyFile: file("site.key") };
}

/** A free TCP port on 127.0.0.1 (for a server that cannot be asked to pick its own). */
async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not listen on ${port} in 15 s: ${log()}`);
}

export interface RunningHost {
  name: string;
  /** `https://127.0.0.1:<port>` */
  httpsUrl: string;
  /** `http://127.0.0.1:<port>`, which redirects every request to `httpsUrl`. */
  httpUrl: string;
  close: () => Promise<void>;
}

export interface SiteFiles {
  /** The built site (dist/). */
  dist: string;
  /** The folder of host files the build wrote beside it (nginx.conf, Caddyfile.site, firebase.json…). */
  hosting: string;
}

/** HTTP on its own port that sends every request to the same path over HTTPS. */
async function httpsRedirector(httpsPort: number) {
  const server = createHttpServer((request, response) => {
    response.writeHead(301, { location: `https://127.0.0.1:${httpsPort}${request.url ?? "/"}` }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

async function nodeHost(
  name: string,
  tls: ThrowawayTls,
  handler: RequestListener,
  stop: () => Promise<void>,
) {
  const server = createHttpsServer(
    { key: readFileSync(tls.keyFile), cert: readFileSync(tls.certFile) },
    handler,
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const httpsPort = (server.address() as AddressInfo).port;
  const redirector = await httpsRedirector(httpsPort);
  return {
    name,
    httpsUrl: `https://127.0.0.1:${httpsPort}`,
    httpUrl: `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      redirector.closeAllConnections();
      await Promise.all([
        new Promise((resolve) => server.close(resolve)),
        new Promise((resolve) => redirector.close(resolve)),
        stop(),
      ]);
    },
  } satisfies RunningHost;
}

/** The tests' own server, applying `_headers` the way `model` does, behind HTTPS. */
export async function startModelHost(
  model: HostModel,
  files: SiteFiles,
  tls: ThrowawayTls,
): Promise<RunningHost> {
  const inner = await serveStatic(files.dist, { host: model });
  const target = new URL(inner.url);
  // Forward each request to the plain server: one implementation of a static host, not two.
  const handler: RequestListener = (request, response) => {
    request.pipe(forward(target, request, response));
  };
  return nodeHost(
    `_headers as ${model === "cloudflare" ? "Cloudflare Pages" : "Netlify"}`,
    tls,
    handler,
    inner.close,
  );
}

function forward(
  target: URL,
  request: Parameters<RequestListener>[0],
  response: Parameters<RequestListener>[1],
) {
  return httpRequest(
    {
      host: target.hostname,
      port: target.port,
      path: request.url,
      method: request.method,
      headers: request.headers,
    },
    (upstream) => {
      response.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(response);
    },
  );
}

/** superstatic, Firebase Hosting's server library, with the build's firebase.json. */
export async function startFirebaseHost(files: SiteFiles, tls: ThrowawayTls): Promise<RunningHost> {
  const config = JSON.parse(readFileSync(join(files.hosting, "firebase.json"), "utf8")) as {
    hosting: Record<string, unknown>;
  };
  const app = superstatic({
    config: { ...config.hosting, public: "." },
    cwd: files.dist,
    compression: true,
    fallthrough: false,
  });
  const handler: RequestListener = (request, response) =>
    app(request, response, (error?: unknown) =>
      response.writeHead(500).end(`superstatic passed the request on: ${String(error)}`),
    );
  return nodeHost("firebase.json (superstatic)", tls, handler, async () => {});
}

/** nginx with the build's nginx.conf included in a server block, as the README says. */
export async function startNginx(nginx: string, files: SiteFiles, tls: ThrowawayTls): Promise<RunningHost> {
  const prefix = await mkdtemp(join(tmpdir(), "nginx-"));
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  const conf = join(prefix, "nginx.conf");
  writeFileSync(
    conf,
    `daemon off;
# Workers read the site as this user (as root, nginx would otherwise switch them to nobody).
user ${userInfo().username};
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log;
events { worker_connections 128; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy; fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  server { listen 127.0.0.1:${httpPort}; return 301 https://127.0.0.1:${httpsPort}$request_uri; }
  server {
    listen 127.0.0.1:${httpsPort} ssl;
    ssl_certificate ${tls.certFile};
    ssl_certificate_key ${tls.keyFile};
    root ${files.dist};
    include ${join(files.hosting, "nginx.conf")};
  }
}
`,
  );
  const child = spawn(nginx, ["-c", conf, "-p", prefix], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  await waitForPort(httpsPort, child, () => log + safeRead(join(prefix, "error.log")));
  return runningChild("nginx with nginx.conf", child, prefix, httpPort, httpsPort);
}

/** Caddy with the build's Caddyfile.site imported in a site block, as the README says. */
export async function startCaddy(caddy: string, files: SiteFiles, tls: ThrowawayTls): Promise<RunningHost> {
  const prefix = await mkdtemp(join(tmpdir(), "caddy-"));
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  const conf = join(prefix, "Caddyfile");
  writeFileSync(
    conf,
    `{
	admin off
	auto_https off
	storage file_system ${prefix}/data
}
http://127.0.0.1:${httpPort} {
	redir https://127.0.0.1:${httpsPort}{uri} 301
}
https://127.0.0.1:${httpsPort} {
	tls ${tls.certFile} ${tls.keyFile}
	root * ${files.dist}
	import ${join(files.hosting, "Caddyfile.site")}
}
`,
  );
  const env = { ...process.env, HOME: prefix, XDG_DATA_HOME: prefix, XDG_CONFIG_HOME: prefix };
  const child = spawn(caddy, ["run", "--config", conf, "--adapter", "caddyfile"], {
    stdio: ["ignore", "ignore", "pipe"],
    env,
  });
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  await waitForPort(httpsPort, child, () => log);
  return runningChild("Caddy with Caddyfile.site", child, prefix, httpPort, httpsPort);
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

function runningChild(
  name: string,
  child: ChildProcess,
  prefix: string,
  httpPort: number,
  httpsPort: number,
): RunningHost {
  return {
    name,
    httpsUrl: `https://127.0.0.1:${httpsPort}`,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      await rm(prefix, { recursive: true, force: true });
    },
  };
}
