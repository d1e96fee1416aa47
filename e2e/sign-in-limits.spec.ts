import { randomUUID } from "node:crypto";
import { accounts, expect, test } from "./fixtures";

async function attempt(page: import("@playwright/test").Page, email: string, password: string) {
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  // Wait for next-auth's answer so each attempt is counted before the next.
  await Promise.all([page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials")), page.getByRole("button", { name: "登录" }).click()]);
}

test.describe("sign-in rate limits", () => {
  test("an account is refused with a clear message after five failed attempts", async ({ page }) => {
    // An unknown account, so the demo accounts other tests use are not locked out.
    const email = `guess-${randomUUID().slice(0, 8)}@example.com`;
    await page.goto("/login");
    for (let i = 0; i < 5; i++) {
      await attempt(page, email, `wrong-${i}`);
      await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("邮箱或密码不正确。请检查后重试。");
    }
    await attempt(page, email, "wrong-5");
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(/尝试次数过多/);
  });

  test("an address is refused after too many failures across accounts", async ({ playwright, baseURL }) => {
    // Each test address stands for a client behind the proxy that wrote X-Forwarded-For.
    const address = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": address } });
    const signIn = async (email: string, password: string) => {
      const { csrfToken } = await (await api.get("/api/auth/csrf")).json();
      const response = await api.post("/api/auth/callback/credentials", {
        form: { csrfToken, email, password, json: "true", callbackUrl: "/" },
        maxRedirects: 0,
      });
      const body = await response.json();
      return new URL(body.url, baseURL).searchParams.get("error");
    };
    for (let i = 0; i < 30; i++) expect(await signIn(`user-${i}-${randomUUID().slice(0, 6)}@example.com`, "wrong")).toBe("CredentialsSignin");
    expect(await signIn(accounts.merchant.email, accounts.merchant.password)).toBe("RateLimited");
    await api.dispose();
    // Another address signs in with the same account at once.
    const elsewhere = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": "203.0.113.250" } });
    const { csrfToken } = await (await elsewhere.get("/api/auth/csrf")).json();
    const ok = await elsewhere.post("/api/auth/callback/credentials", { form: { csrfToken, email: accounts.merchant.email, password: accounts.merchant.password, json: "true" } });
    expect(new URL((await ok.json()).url, baseURL).searchParams.get("error")).toBeNull();
    await elsewhere.dispose();
  });
});
