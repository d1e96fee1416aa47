import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { getConfig, secureCookiesEnabled } from "@/lib/config";
import { apiContentSecurityPolicy, pageContentSecurityPolicy, strictTransportSecurity } from "@/lib/security/headers";
import { isCrossSiteRequest } from "@/lib/security/same-origin";

/**
 * Paths that answer for themselves: 401 JSON, webhook signatures, the sandbox, the metrics token, the login page and
 * the signed-out account pages (their one-time token or the mailbox is the proof).
 */
function isPublic(pathname: string): boolean {
  return (
    pathname === "/login" ||
    pathname === "/forgot-password" ||
    pathname.startsWith("/set-password/") ||
    pathname.startsWith("/invitation/") ||
    pathname.startsWith("/api/") ||
    pathname.startsWith("/sandbox/") ||
    pathname === "/metrics"
  );
}

// Every request gets the security headers (a fresh CSP nonce per page). Signed-out visitors to a
// page go to /login; every page, action and handler checks the role again. Configuration is read
// at run time, not at build time.
export default async function proxy(request: NextRequest) {
  const config = getConfig();
  const { pathname, search } = request.nextUrl;
  const production = config.appEnv === "production";
  const api = pathname.startsWith("/api/") || pathname === "/metrics";
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = api ? apiContentSecurityPolicy : pageContentSecurityPolicy(nonce, { production, dev: process.env.NODE_ENV === "development" });

  let response: NextResponse;
  // A POST to a page is a server action (with or without the Next-Action header: forms post them
  // without JavaScript too); Next itself lets one through when Origin is absent. Route handlers
  // check for themselves (webhooks and the sandbox take cross-site calls).
  const page = !api && !pathname.startsWith("/sandbox/");
  if (page && isCrossSiteRequest(request, [config.authUrl])) {
    response = NextResponse.json({ error: { code: "forbidden", message: "Cross-site requests are not accepted." } }, { status: 403 });
    response.headers.set("Content-Security-Policy", csp);
    return response;
  }
  const token = isPublic(pathname) ? null : await getToken({ req: request, secret: config.authSecret, secureCookie: secureCookiesEnabled() });
  if (!isPublic(pathname) && !token) {
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    response = NextResponse.redirect(login);
  } else {
    // Next reads the nonce from the request's CSP header and puts it on the scripts it renders.
    const headers = new Headers(request.headers);
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", csp);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set("Content-Security-Policy", csp);
  if (production) response.headers.set("Strict-Transport-Security", strictTransportSecurity);
  return response;
}

export const config = {
  // The payment webhook is signed, not signed in, and answers the provider itself: it skips the proxy.
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|robots\\.txt|api/webhooks/payments$).*)"],
};
