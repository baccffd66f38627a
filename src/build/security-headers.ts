import { createHash } from "node:crypto";

/**
 * The Content Security Policy directives besides script-src and style-src (which Astro writes
 * per page from the hashes of what it inlines). One list for the <meta> Astro writes and for the
 * HTTP headers in dist/_headers, so the two cannot disagree. Images, fonts and connections fall
 * back to default-src ('self', no data: or other origin); naming them again would only add bytes
 * to every page's first response.
 */
export const CONTENT_SECURITY_DIRECTIVES = [
  "default-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
] as const;

/** The hash of an inline script or style, as Astro's config names it (`sha256-…`, unquoted). */
export function cspHash(text: string): `sha256-${string}` {
  return `sha256-${createHash("sha256").update(text).digest("base64")}`;
}

/**
 * Directives that only work as an HTTP header, not in a <meta> element (browsers ignore
 * frame-ancestors there).
 */
export const HEADER_ONLY_DIRECTIVES = ["frame-ancestors 'none'"] as const;

/**
 * `policy` with script-src and style-src allowing, by hash, only what the page inlines.
 *
 * Astro lists the hashes of every inline script and style it might write on any page (its island
 * runtime and styles among them) in every page's policy. A hash that matches nothing on the page
 * allows nothing, but each costs about 50 incompressible bytes in the first response. Sources
 * other than hashes ('self'…) are kept as they are. `hashes` are CSP sources: `'sha256-…'`.
 */
export function policyForInlined(
  policy: string,
  hashes: { readonly scripts: readonly string[]; readonly styles: readonly string[] },
): string {
  const rewrite = (text: string, directive: string, kept: readonly string[]) =>
    text.replace(
      new RegExp(`((?:^|;)\\s*${directive})\\s+([^;]*)`),
      (_match, name: string, sources: string) => {
        const others = sources
          .trim()
          .split(/\s+/)
          .filter((source) => source !== "" && !/^'sha(?:256|384|512)-/.test(source));
        return `${name} ${[...others, ...new Set(kept)].join(" ") || "'none'"}`;
      },
    );
  return rewrite(rewrite(policy, "script-src", hashes.scripts), "style-src", hashes.styles);
}

/**
 * `policy` without a `'none'` that stands beside other sources: a page that allows something the
 * site-wide directives forbid (`form-action 'self'` where the config says `'none'`) gets both from
 * Astro, and browsers ignore such a `'none'` with a console warning.
 */
export function withoutNoneBesideSources(policy: string): string {
  return policy.replace(/((?:^|;)\s*[a-z-]+)\s+([^;]*)/g, (match, name: string, sources: string) => {
    const list = sources.trim().split(/\s+/);
    if (list.length < 2 || !list.includes("'none'")) return match;
    return `${name} ${list.filter((source) => source !== "'none'").join(" ")}`;
  });
}

/** The directives of a policy, each with single spaces. */
function directivesOf(policy: string): string[] {
  return policy
    .split(";")
    .map((directive) => directive.trim().replace(/\s+/g, " "))
    .filter(Boolean);
}

/** A built page's site path and its final policy. */
export interface PagePolicy {
  readonly path: string;
  readonly policy: string;
}

/** One rule of the site's response headers: a path pattern (`/*`, `/search/*`) and what it sets. */
export interface HeaderRule {
  readonly path: string;
  readonly headers: readonly (readonly [name: string, value: string])[];
}

/**
 * Sources that only the pages whose own policy names them may have: the search page's
 * WebAssembly. Every other source a page allows is allowed site-wide.
 */
const PAGE_ONLY_SOURCES = new Set(["'wasm-unsafe-eval'"]);

/**
 * Hashes one header policy may list per directive. The site inlines the same stylesheet and the same
 * theme script on every page; more hashes mean inline code that differs between pages, and a policy
 * that would grow with the site.
 */
const MAX_HASHES_PER_DIRECTIVE = 4;

/** Cloudflare Pages reads no longer `_headers` line. */
export const MAX_HEADER_LINE = 2_000;

/**
 * One policy that allows what each of `policies` allows (the union of their sources, directive by
 * directive), with `frame-ancestors 'none'`, which only a header can carry.
 */
function unionPolicy(policies: readonly string[], keep: (source: string) => boolean): string {
  const directives = new Map<string, string[]>();
  for (const policy of policies) {
    for (const directive of directivesOf(policy)) {
      const [name = "", ...sources] = directive.split(" ");
      const union = directives.get(name) ?? [];
      for (const source of sources) if (keep(source) && !union.includes(source)) union.push(source);
      directives.set(name, union);
    }
  }
  for (const directive of HEADER_ONLY_DIRECTIVES) {
    const [name = "", ...sources] = directive.split(" ");
    directives.set(name, sources);
  }
  return [...directives]
    .map(([name, sources]) => {
      const allowed = sources.length > 1 ? sources.filter((source) => source !== "'none'") : sources;
      return `${name} ${allowed.join(" ") || "'none'"}`;
    })
    .join("; ");
}

/** Throws when a header policy lists more hashes than the same inline code on every page needs. */
function assertConstantSize(policy: string): string {
  for (const directive of directivesOf(policy)) {
    const hashes = directive.match(/'sha(?:256|384|512)-/g)?.length ?? 0;
    if (hashes > MAX_HASHES_PER_DIRECTIVE)
      throw new Error(
        `The site-wide Content-Security-Policy would list ${hashes} hashes in "${directive.split(" ")[0]}": ` +
          "pages inline different code, so the header would grow with the site. Inline the same code on every page.",
      );
  }
  return policy;
}

export const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "strict-origin-when-cross-origin"],
  [
    "Permissions-Policy",
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
  ],
  ["Strict-Transport-Security", "max-age=63072000; includeSubDomains"],
  ["Cross-Origin-Opener-Policy", "same-origin"],
];

/** HTML and other unhashed files: each visit asks whether they changed. */
export const REVALIDATE = "public, max-age=0, must-revalidate";
/** Files under /_astro/ have their content's hash in their name. */
export const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * What every host sends, as an ordered list of rules: `/*` first, with the security headers and a
 * policy complete on its own that allows every page's inline code; then the few paths that replace
 * one of its headers — `/_astro/*` its caching, and each page that needs a page-only source (the
 * search page's `'wasm-unsafe-eval'`) its policy, on its folder (`/search/*`). The number of rules
 * does not grow with the site. A later rule's header replaces the same header of `/*`: each host's
 * renderer (host-configs.ts) says so in that host's terms.
 */
export function siteHeaderRules(pages: readonly PagePolicy[]): HeaderRule[] {
  if (pages.length === 0) throw new Error("No built page has a Content-Security-Policy.");
  const sitePolicy = assertConstantSize(
    unionPolicy(
      pages.map((page) => page.policy),
      (source) => !PAGE_ONLY_SOURCES.has(source),
    ),
  );
  const rules: HeaderRule[] = [
    {
      path: "/*",
      headers: [["Content-Security-Policy", sitePolicy], ...SECURITY_HEADERS, ["Cache-Control", REVALIDATE]],
    },
    { path: "/_astro/*", headers: [["Cache-Control", IMMUTABLE]] },
  ];
  const special = pages
    .filter((page) =>
      directivesOf(page.policy).some((d) => d.split(" ").some((s) => PAGE_ONLY_SOURCES.has(s))),
    )
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const page of special) {
    if (!page.path.endsWith("/") || page.path === "/")
      throw new Error(
        `${page.path}: a page that needs its own policy must be a folder's page, like /search/.`,
      );
    const policy = unionPolicy([sitePolicy, page.policy], () => true);
    rules.push({ path: `${page.path}*`, headers: [["Content-Security-Policy", assertConstantSize(policy)]] });
  }
  return rules;
}
