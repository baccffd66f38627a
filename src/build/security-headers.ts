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

/** A built page's site path and its final policy, as _headers gives them per path. */
export interface PagePolicy {
  readonly path: string;
  readonly policy: string;
}

/**
 * The policy sent with every response of the site, whatever the path: the directives every page
 * has word for word, except `default-src` (the fallback for script-src), plus the header-only
 * ones. Hosts join the policies of every rule a path matches, and a browser enforces each, so
 * this one must allow everything any page allows: it leaves scripts, styles and forms to each
 * page's own rule (and, for a missing path, to the 404 page's <meta>). That is what keeps
 * `'wasm-unsafe-eval'` on the search page alone.
 */
export function sharedPolicy(pages: readonly PagePolicy[]): string {
  const [first, ...rest] = pages.map((page) => new Set(directivesOf(page.policy)));
  const common = [...(first ?? [])].filter(
    (directive) => !directive.startsWith("default-src ") && rest.every((other) => other.has(directive)),
  );
  return [...common, ...HEADER_ONLY_DIRECTIVES].join("; ");
}

/**
 * `_headers` for static hosts that read it (Netlify, Cloudflare Pages): security headers on every
 * response, each page's own Content Security Policy on its path, revalidation for each HTML page
 * and long immutable caching for hashed assets. Hosts merge the headers of every rule a path
 * matches, so caching and each page's policy are set per path, never on `/*`.
 */
export function buildHeadersFile(pages: readonly PagePolicy[]): string {
  const lines = [
    "/*",
    `  Content-Security-Policy: ${sharedPolicy(pages)}`,
    "  X-Content-Type-Options: nosniff",
    "  Referrer-Policy: strict-origin-when-cross-origin",
    "  Permissions-Policy: accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
    "  Strict-Transport-Security: max-age=63072000; includeSubDomains",
    "  Cross-Origin-Opener-Policy: same-origin",
    "",
    "/_astro/*",
    "  Cache-Control: public, max-age=31536000, immutable",
    "",
  ];
  for (const { path, policy } of [...pages].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  )) {
    lines.push(
      path,
      `  Content-Security-Policy: ${directivesOf(policy).join("; ")}`,
      "  Cache-Control: public, max-age=0, must-revalidate",
      "",
    );
  }
  return lines.join("\n");
}
