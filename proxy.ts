import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import type { NextFetchEvent } from "next/server";
import { getConfig } from "@/lib/config";

let guard: ReturnType<typeof withAuth> | undefined;

// Signed-out visitors to a page go to /login. API routes, the sandbox and webhooks answer for
// themselves (401 JSON, signatures), and every page, action and handler checks the role again.
// Built on first request so that configuration is read at run time, not at build time.
export default function proxy(request: NextRequestWithAuth, event: NextFetchEvent) {
  guard ??= withAuth({ secret: getConfig().authSecret, pages: { signIn: "/login" } });
  return (guard as (r: NextRequestWithAuth, e: NextFetchEvent) => ReturnType<typeof guard & Function>)(request, event);
}

export const config = {
  matcher: ["/((?!login|api/|sandbox/|_next/|favicon\\.ico|robots\\.txt).*)"],
};
