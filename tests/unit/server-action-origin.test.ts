import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig, type AppConfig } from "@/lib/config";
import proxy from "@/proxy";

const holder = globalThis as unknown as { __appConfig?: AppConfig };
const origin = "http://localhost:3000";

afterEach(() => {
  delete holder.__appConfig;
});

function action(headers: Record<string, string>, path = "/settings") {
  holder.__appConfig = parseConfig({ NEXTAUTH_SECRET: "s".repeat(40), DATA_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 3).toString("base64")}`, DATA_DIR: "/tmp/proxy-test", NEXTAUTH_URL: origin });
  return proxy(new NextRequest(`${origin}${path}`, { method: "POST", headers: { "content-type": "text/plain;charset=UTF-8", ...headers }, body: "[]" }));
}

describe("server action POSTs from another site", () => {
  it("are refused on Sec-Fetch-Site alone, without an Origin header", async () => {
    for (const site of ["cross-site", "same-site"]) {
      const response = await action({ "next-action": "0123456789abcdef", "sec-fetch-site": site });
      expect(response.status, site).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    }
  });

  it("are refused as no-JavaScript form posts (no Next-Action header) and with a foreign Origin", async () => {
    expect((await action({ "sec-fetch-site": "cross-site" }, "/withdrawals")).status).toBe(403);
    expect((await action({ origin: "https://evil.example" }, "/support/review/1")).status).toBe(403);
  });

  it("pass from the console itself and from non-browser callers", async () => {
    expect((await action({ "next-action": "0123456789abcdef", "sec-fetch-site": "same-origin", origin })).status).not.toBe(403);
    expect((await action({ "next-action": "0123456789abcdef" })).status).not.toBe(403);
  });

  it("leave route handlers and the sandbox to their own checks", async () => {
    expect((await action({ "sec-fetch-site": "cross-site" }, "/api/webhooks/payments")).status).not.toBe(403);
    expect((await action({ "sec-fetch-site": "cross-site" }, "/sandbox/wechat/cgi-bin/stable_token")).status).not.toBe(403);
  });
});
