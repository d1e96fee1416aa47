import { asRole, expect, test } from "./fixtures";

const expectStaticHeaders = (headers: Record<string, string>) => {
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
};

function expectPageCsp(csp: string | undefined) {
  expect(csp).toBeTruthy();
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
}

test.describe("security headers", () => {
  test("the login page has a nonce CSP, a fresh nonce each time, and still runs its scripts", async ({ page, request }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto("/login");
    const headers = response!.headers();
    expectStaticHeaders(headers);
    expectPageCsp(headers["content-security-policy"]);
    // Development-only HSTS is off: the e2e server runs with APP_ENV=development.
    expect(headers["strict-transport-security"]).toBeUndefined();
    const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"]!)![1]!;
    expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
    const again = (await request.get("/login")).headers()["content-security-policy"]!;
    expect(again).not.toContain(nonce);
    // Hydrated: the client-side validation answers without a round trip.
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByText("请输入密码。")).toBeVisible();
    expect(violations).toEqual([]);
  });

  test("a signed-out redirect, route handlers and static files carry them too", async ({ request }) => {
    const redirect = await request.get("/payments", { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expectStaticHeaders(redirect.headers());
    expectPageCsp(redirect.headers()["content-security-policy"]);

    for (const path of ["/api/health", "/api/auth/session", "/api/auth/csrf"]) {
      const response = await request.get(path);
      expectStaticHeaders(response.headers());
      expect(response.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    }
    const missing = await request.get("/api/no-such-route");
    expect(missing.status()).toBe(404);
    expectStaticHeaders(missing.headers());
  });

  test("static assets are served with nosniff", async ({ page, request }) => {
    await page.goto("/login");
    const src = await page.locator("script[src^='/_next/static/']").first().getAttribute("src");
    const asset = await request.get(src!);
    expect(asset.status()).toBe(200);
    expectStaticHeaders(asset.headers());
  });

  test("session cookies are HttpOnly and SameSite=Lax", async ({ page, context }) => {
    await page.goto("/login");
    await page.getByLabel("邮箱").fill("admin@second-merchant.test");
    await page.getByLabel("密码").fill("merchant-demo-2026");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByTestId("signed-in-user").filter({ visible: true })).toBeVisible({ timeout: 30_000 });
    const cookies = await context.cookies();
    const authCookies = cookies.filter((c) => c.name.startsWith("next-auth."));
    expect(authCookies.map((c) => c.name)).toEqual(expect.arrayContaining(["next-auth.session-token", "next-auth.csrf-token"]));
    for (const cookie of authCookies) {
      expect(cookie.httpOnly, cookie.name).toBe(true);
      expect(cookie.sameSite, cookie.name).toBe("Lax");
    }
  });

  test.describe("signed in", () => {
    test.use(asRole("merchant"));
    test("console pages have the headers and run without CSP violations", async ({ page }) => {
      const violations: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      const response = await page.goto("/onboarding");
      expectStaticHeaders(response!.headers());
      expectPageCsp(response!.headers()["content-security-policy"]);
      await page.getByRole("link", { name: "交易明细" }).click();
      await expect(page).toHaveURL(/\/payments$/);
      const forbidden = await page.goto("/support/review");
      expect(forbidden!.status()).toBe(403);
      expectPageCsp(forbidden!.headers()["content-security-policy"]);
      expect(violations).toEqual([]);
    });
  });
});
