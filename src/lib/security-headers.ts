/**
 * The Content Security Policy directives besides script-src and style-src (which Astro writes
 * per page from the hashes of what it inlines). One list for the <meta> Astro writes and for the
 * HTTP headers in public/_headers, so the two cannot disagree.
 */
export const CONTENT_SECURITY_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
] as const;

/**
 * Directives that only work as an HTTP header, not in a <meta> element (browsers ignore
 * frame-ancestors there).
 */
export const HEADER_ONLY_DIRECTIVES = ["frame-ancestors 'none'"] as const;
