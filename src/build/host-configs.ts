import { MAX_HEADER_LINE, type HeaderRule } from "./security-headers";

/**
 * The site's header rules (security-headers.ts) written in each host's own terms. Every file says
 * the same thing: `/*`'s headers on every response, the 404 page for a missing path, and a later
 * rule's header in place of `/*`'s. Hosts differ in how they merge matching rules, so each
 * renderer states the replacement in the way that host understands.
 */

/** `/search/*` → `/search/`: the folder a rule covers. Only `/*` and `/<folder>/*` are used. */
function folderOf(rule: HeaderRule): string {
  const match = /^(\/(?:[a-z0-9_-]+\/)*)\*$/.exec(rule.path);
  if (!match?.[1]) throw new Error(`Header rule path "${rule.path}" is not of the form /folder/*.`);
  return match[1];
}

/** The headers of `/*` with those of `rule` in their place: what a path under `rule` receives. */
function effectiveHeaders(rules: readonly HeaderRule[], rule: HeaderRule): [string, string][] {
  const [site] = rules;
  const headers = new Map<string, string>(site?.headers.map(([name, value]) => [name, value]));
  for (const [name, value] of rule.headers) headers.set(name, value);
  return [...headers];
}

/**
 * `_headers` for Cloudflare Pages and Netlify. Cloudflare Pages applies every matching rule and
 * joins a header set twice with a comma, unless a later rule detaches it with `! Name`; Netlify
 * lets the later rule's value win and skips a line without a colon. So each later rule detaches
 * what it replaces, then sets it: one value on both hosts.
 */
export function headersFile(rules: readonly HeaderRule[]): string {
  const lines: string[] = [
    "# Written by npm run build (src/build/host-configs.ts): edit that, not this file.",
  ];
  rules.forEach((rule, index) => {
    lines.push("", rule.path);
    const earlier = new Set(rules.slice(0, index).flatMap((other) => other.headers.map(([name]) => name)));
    for (const [name, value] of rule.headers) {
      if (earlier.has(name)) lines.push(`  ! ${name}`);
      lines.push(`  ${name}: ${value}`);
    }
  });
  const long = lines.find((line) => line.length > MAX_HEADER_LINE);
  if (long)
    throw new Error(`_headers: a line of ${long.length} characters (hosts read at most ${MAX_HEADER_LINE}).`);
  return `${lines.join("\n")}\n`;
}

const nginxQuote = (value: string) => `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;

/**
 * nginx: to `include` inside the site's `server { root …/dist; }`. An `add_header` in a `location`
 * drops every `add_header` of the server (nginx 1.22 has no inheritance switch), so each location
 * repeats them all; `always` keeps them on the 404 page.
 */
export function nginxConf(rules: readonly HeaderRule[]): string {
  const addHeaders = (headers: [string, string][], indent: string) =>
    headers.map(([name, value]) => `${indent}add_header ${name} ${nginxQuote(value)} always;`);
  const [site, ...others] = rules;
  if (!site) throw new Error("No header rules.");
  const lines = [
    "# Written by npm run build (src/build/host-configs.ts). Include inside the site's server block:",
    "#   server { listen …; server_name …; root /path/to/dist; include /path/to/nginx.conf; }",
    "charset utf-8;",
    "absolute_redirect off;",
    "error_page 404 /404.html;",
    "gzip on;",
    "gzip_vary on;",
    "gzip_types text/css text/javascript application/javascript application/json application/xml text/xml image/svg+xml text/plain;",
    ...addHeaders(effectiveHeaders(rules, site), ""),
  ];
  for (const rule of others) {
    lines.push(`location ^~ ${folderOf(rule)} {`, ...addHeaders(effectiveHeaders(rules, rule), "  "), "}");
  }
  return `${lines.join("\n")}\n`;
}

const caddyQuote = (value: string) => `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;

/**
 * Caddy: to `import` inside the site block (`example.jp { root * /path/to/dist; import … }`).
 * `route` keeps the header directives in the order written (Caddy would otherwise run those with
 * a path first, and `/*`'s would then overwrite them); the 404 page is served by handle_errors.
 */
export function caddyfile(rules: readonly HeaderRule[]): string {
  const [site, ...others] = rules;
  if (!site) throw new Error("No header rules.");
  const lines = [
    "# Written by npm run build (src/build/host-configs.ts). Import inside the site block:",
    "#   example.jp { root * /path/to/dist; import /path/to/Caddyfile.site }",
    "encode gzip",
    "route {",
    "\theader {",
    ...site.headers.map(([name, value]) => `\t\t${name} ${caddyQuote(value)}`),
    "\t}",
    ...others.flatMap((rule) =>
      rule.headers.map(([name, value]) => `\theader ${folderOf(rule)}* ${name} ${caddyQuote(value)}`),
    ),
    "}",
    "file_server",
    "handle_errors {",
    "\t@notFound expression {err.status_code} == 404",
    "\thandle @notFound {",
    "\t\trewrite * /404.html",
    "\t\tfile_server {",
    "\t\t\tstatus 404",
    "\t\t}",
    "\t}",
    "}",
  ];
  return `${lines.join("\n")}\n`;
}

/** `/search/*` in a host's own pattern language. */
type PatternOf = (folder: string) => string;

function jsonHeaderRules(rules: readonly HeaderRule[], patternOf: PatternOf, key: "source") {
  return rules.map((rule) => ({
    [key]: patternOf(folderOf(rule)),
    headers: rule.headers.map(([name, value]) => ({ key: name, value })),
  }));
}

/**
 * vercel.json (project root): Vercel applies every matching `headers` entry in order, a later
 * value replacing an earlier one, and serves 404.html for a missing path.
 */
export function vercelJson(rules: readonly HeaderRule[]): string {
  const config = {
    $schema: "https://openapi.vercel.sh/vercel.json",
    buildCommand: "npm run build",
    outputDirectory: "dist",
    trailingSlash: true,
    headers: jsonHeaderRules(rules, (folder) => `${folder}(.*)`, "source"),
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/**
 * firebase.json (project root): Firebase Hosting applies every matching `headers` entry, the later
 * one winning for the same header, and serves 404.html for a missing path.
 */
export function firebaseJson(rules: readonly HeaderRule[]): string {
  const config = {
    hosting: {
      public: "dist",
      ignore: ["_headers", "**/.*"],
      trailingSlash: true,
      headers: jsonHeaderRules(rules, (folder) => `${folder}**`, "source"),
    },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Every host's file, by the name it is written under in the hosting folder. */
export const HOST_CONFIGS: Readonly<Record<string, (rules: readonly HeaderRule[]) => string>> = {
  "nginx.conf": nginxConf,
  "Caddyfile.site": caddyfile,
  "vercel.json": vercelJson,
  "firebase.json": firebaseJson,
};
