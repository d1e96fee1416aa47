const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a state-changing request came from another site. Browsers send `Sec-Fetch-Site` and
 * `Origin` with every cross-site POST, so either one naming another site is enough to refuse; a
 * request with neither is not from a browser and carries no ambient cookies worth forging.
 */
export function isCrossSiteRequest(request: Request, trustedOrigins: readonly string[]): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return true;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  const allowed = new Set(trustedOrigins.map(originOf).filter(Boolean));
  allowed.add(originOf(request.url));
  return !allowed.has(origin.toLowerCase());
}

function originOf(url: string): string {
  try {
    return new URL(url).origin.toLowerCase();
  } catch {
    return "";
  }
}
