import { accounts, asRole, expect, holdScripts, signIn, test } from "./fixtures";

test.describe("sign-in", () => {
  test("a signed-out visitor is sent to /login and back after signing in", async ({ page }) => {
    await page.goto("/payments");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fpayments/);
    await page.getByLabel("邮箱").fill(accounts.merchant.email);
    await page.getByLabel("密码").fill(accounts.merchant.password);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL(/\/payments$/);
    await expect(page.getByTestId("merchant-name").filter({ visible: true })).toContainText("深圳市示例科技有限公司");
  });

  test("merchant admin lands on Onboarding with the merchant navigation", async ({ page }) => {
    await signIn(page, "merchant");
    await expect(page).toHaveURL(/\/onboarding$/);
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav.getByRole("link")).toHaveText(["商户进件", "交易明细", "提现", "设置", "团队成员", "我的账户"]);
  });

  test("support lands on the review queue with the support navigation", async ({ browser }) => {
    // Signed in by global setup (with its two-factor code): a code is accepted only once.
    const page = await (await browser.newContext(asRole("support"))).newPage();
    await page.goto("/");
    await expect(page).toHaveURL(/\/support\/review$/);
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav.getByRole("link")).toHaveText(["审核队列", "商户", "对账", "审计日志", "系统", "我的账户"]);
    await expect(page.getByTestId("merchant-name")).toHaveCount(0);
  });

  test("a wrong password shows an error and creates no session", async ({ page, context }) => {
    await page.goto("/login");
    await page.getByLabel("邮箱").fill(accounts.merchant.email);
    await page.getByLabel("密码").fill("not-the-password");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("邮箱或密码不正确。请检查后重试。");
    await expect(page.getByLabel("邮箱")).toHaveValue(accounts.merchant.email);
    const cookies = await context.cookies();
    expect(cookies.some((c) => c.name.includes("session-token"))).toBe(false);
    await page.goto("/onboarding");
    await expect(page).toHaveURL(/\/login/);
  });

  test("an unknown account gets the same message as a wrong password", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("邮箱").fill("nobody@example.com");
    await page.getByLabel("密码").fill("whatever-password");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("邮箱或密码不正确。请检查后重试。");
  });

  test("the form checks the email before sending", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("邮箱").fill("not-an-email");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByText("请输入有效的邮箱地址，例如 name@example.com。")).toBeVisible();
    await expect(page.getByText("请输入密码。")).toBeVisible();
  });

  test("before its script is live the form takes nothing, so Enter cannot send the password natively in the address", async ({ page }) => {
    const release = await holdScripts(page);
    await page.goto("/login", { waitUntil: "commit" });
    const email = page.getByLabel(/邮箱|Email/);
    const password = page.getByLabel(/^(密码|Password)$/);
    const submit = page.getByRole("button", { name: /^(登录|Sign in)$/ });
    for (const control of [email, password, submit]) await expect(control).toBeDisabled();
    // A wait past a second is said on the page, and the words go once the form is live.
    const hint = page.getByTestId("hydration-hint");
    // Shown only after a second: most pages are live before it.
    await expect(hint).toHaveCSS("animation-delay", "1s");
    await expect(hint).toBeVisible();
    await expect(hint).toHaveText("页面加载中，请稍候…");

    release();
    for (const control of [email, password, submit]) await expect(control).toBeEnabled();
    await expect(hint).toHaveCount(0);
    // An account nobody has: a wrong password for a real one would count towards its lockout.
    await email.fill("nobody-hydration@e2e.test");
    await password.fill("not-the-password");
    await password.press("Enter");
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("邮箱或密码不正确。请检查后重试。");
    await expect(email).toHaveValue("nobody-hydration@e2e.test");
    expect(new URL(page.url()).search).toBe("");
  });

  test("sign out ends the session, and a copy of its cookie taken before is refused on its next request", async ({ page, browser, baseURL }) => {
    // Signing out ends every session of the account: its own account, not one other specs use.
    await signIn(page, "session-1");
    const copied = await page.context().cookies();
    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/onboarding");
    await expect(page).toHaveURL(/\/login/);
    const thief = await browser.newContext({ baseURL });
    await thief.addCookies(copied);
    // Neither renewed by the session endpoint nor let into a page.
    expect(await (await thief.request.get("/api/auth/session")).json()).toEqual({});
    const stolen = await thief.newPage();
    await stolen.goto("/onboarding");
    await expect(stolen).toHaveURL(/\/login/);
    await thief.close();
  });
});

test.describe("role-gated pages", () => {
  test.describe("as a merchant admin", () => {
    test.use(asRole("merchant"));
    for (const path of ["/support/review", "/support/merchants", "/support/audit"]) {
      test(`${path} answers 403 with a page`, async ({ page }) => {
        const response = await page.goto(path);
        expect(response?.status()).toBe(403);
        await expect(page.getByRole("heading", { name: "无权访问（403）" })).toBeVisible();
      });
    }
  });

  test.describe("as support", () => {
    test.use(asRole("support"));
    for (const path of ["/onboarding", "/payments", "/withdrawals", "/settings"]) {
      test(`${path} answers 403`, async ({ page }) => {
        const response = await page.goto(path);
        expect(response?.status()).toBe(403);
      });
    }
  });

  test("health answers without a session", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "pglite" });
  });
});
