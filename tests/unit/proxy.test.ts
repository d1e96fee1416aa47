import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig, type AppConfig } from "@/lib/config";
import { authOptions } from "@/lib/auth/options";
import proxy from "@/proxy";

const secret = "s".repeat(40);
const key = Buffer.alloc(32, 3).toString("base64");
const holder = globalThis as unknown as { __appConfig?: AppConfig };

function useConfig(env: Record<string, string>) {
  holder.__appConfig = parseConfig({ NEXTAUTH_SECRET: secret, DATA_ENCRYPTION_KEYS: `k1:${key}`, DATA_DIR: "/tmp/proxy-test", ...env });
}

afterEach(() => {
  delete holder.__appConfig;
});

describe("proxy in production", () => {
  // A demo production start (both sandboxes explicitly allowed): the proxy's headers are those of production.
  const production = { APP_ENV: "production", NEXTAUTH_URL: "https://console.example.com", ALLOW_SANDBOX: "true" };

  it("sends HSTS and a CSP without unsafe-eval that upgrades insecure requests", async () => {
    useConfig(production);
    const response = await proxy(new NextRequest("https://console.example.com/login"));
    expect(response.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("upgrade-insecure-requests");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("uses Secure cookies, and a session only counts under the __Secure- name", async () => {
    useConfig(production);
    expect(authOptions().useSecureCookies).toBe(true);
    const token = await encode({ token: { uid: "u1", role: "support" }, secret });
    const signedIn = await proxy(new NextRequest("https://console.example.com/support/review", { headers: { cookie: `__Secure-next-auth.session-token=${token}` } }));
    expect(signedIn.headers.get("location")).toBeNull();
    const plainName = await proxy(new NextRequest("https://console.example.com/support/review", { headers: { cookie: `next-auth.session-token=${token}` } }));
    expect(plainName.headers.get("location")).toBe("https://console.example.com/login?callbackUrl=%2Fsupport%2Freview");
  });
});

describe("proxy in development", () => {
  it("sends no HSTS, and route handlers get the strict API policy", async () => {
    useConfig({ NEXTAUTH_URL: "http://localhost:3000" });
    expect(authOptions().useSecureCookies).toBe(false);
    const page = await proxy(new NextRequest("http://localhost:3000/login"));
    expect(page.headers.get("strict-transport-security")).toBeNull();
    const api = await proxy(new NextRequest("http://localhost:3000/api/health"));
    expect(api.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("gives each page its own nonce and passes it to the renderer", async () => {
    useConfig({ NEXTAUTH_URL: "http://localhost:3000" });
    const nonces = await Promise.all([1, 2, 3].map(async () => /'nonce-([^']+)'/.exec((await proxy(new NextRequest("http://localhost:3000/login"))).headers.get("content-security-policy")!)![1]));
    expect(new Set(nonces).size).toBe(3);
    const response = await proxy(new NextRequest("http://localhost:3000/login"));
    // NextResponse.next carries the rewritten request headers for the renderer.
    expect(response.headers.get("x-middleware-request-x-nonce")).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
  });
});

describe("proxy matcher", () => {
  it("leaves the signed payment webhook alone (lean path) and covers every other route", async () => {
    const { config } = await import("@/proxy");
    const matches = (path: string) => config.matcher.some((m) => new RegExp(`^${m}$`).test(path));
    expect(matches("/api/webhooks/payments")).toBe(false);
    expect(matches("/api/webhooks/payments-other")).toBe(true);
    expect(matches("/api/payments/export")).toBe(true);
    expect(matches("/payments")).toBe(true);
    expect(matches("/login")).toBe(true);
  });
});
