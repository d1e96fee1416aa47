/**
 * Response headers that depend on the request or the environment; the static ones (nosniff,
 * referrer policy, frame options) are set for every path in next.config.js.
 */
export function pageContentSecurityPolicy(nonce: string, options: { production: boolean; dev: boolean }): string {
  return [
    "default-src 'self'",
    // Next adds the nonce to its own scripts; 'strict-dynamic' lets them load the chunks they need.
    // Dev mode's fast refresh evaluates code, so only `next dev` gets 'unsafe-eval'.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // Style attributes (charts, popovers) need 'unsafe-inline'; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.production ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** JSON and other non-page answers load nothing and are framed nowhere. */
export const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

export const strictTransportSecurity = "max-age=63072000; includeSubDomains";
