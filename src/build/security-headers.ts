import { createHash } from "node:crypto";

/**
 * The Content Security Policy directives besides script-src and style-src (which Astro writes
 * per page from the hashes of what it inlines). One list for the <meta> Astro writes and for the
 * HTTP headers in public/_headers, so the two cannot disagree.
 */
export const CONTENT_SECURITY_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
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

/** The sources of one directive (`script-src`) in a policy string, without the directive name. */
function sourcesOf(policy: string, directive: string): string[] {
  const match = new RegExp(`(?:^|;)\\s*${directive}\\s+([^;]*)`).exec(policy);
  return match?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
}

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
 * One policy for every page of the site, as an HTTP header: the shared directives, the union of
 * every page's script and style hashes (a header applies to all pages, and the browser enforces
 * it together with each page's own <meta> policy), and the header-only directives.
 */
export function siteWidePolicy(pagePolicies: readonly string[]): string {
  const union = (directive: string) => [
    ...new Set(pagePolicies.flatMap((policy) => sourcesOf(policy, directive))),
  ];
  return [
    ...CONTENT_SECURITY_DIRECTIVES,
    `script-src ${union("script-src").join(" ") || "'self'"}`,
    `style-src ${union("style-src").join(" ") || "'self'"}`,
    ...HEADER_ONLY_DIRECTIVES,
  ].join("; ");
}

/**
 * `_headers` for static hosts that read it (Netlify, Cloudflare Pages): security headers on every
 * response, revalidation for each HTML page and long immutable caching for hashed assets. Hosts
 * merge the headers of every rule a path matches, so caching is set per path, never on `/*`.
 */
export function buildHeadersFile(pagePolicies: readonly string[], htmlPaths: readonly string[]): string {
  const lines = [
    "/*",
    `  Content-Security-Policy: ${siteWidePolicy(pagePolicies)}`,
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
  for (const path of htmlPaths) lines.push(path, "  Cache-Control: public, max-age=0, must-revalidate", "");
  return lines.join("\n");
}
