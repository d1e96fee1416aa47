import { asRole, expect, signIn, test } from "./fixtures";

test.describe("language", () => {
  test.use(asRole("merchant"));

  test("switches to English, persists across reloads and navigation, and back", async ({ page }) => {
    await page.goto("/onboarding");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page.getByLabel("语言").filter({ visible: true }).selectOption("en");
    await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link")).toHaveText(["Onboarding", "Payments", "Withdrawals", "Settings", "Team", "My account"]);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.reload();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.getByRole("link", { name: "Payments" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Payments");
    await page.getByLabel("Language").filter({ visible: true }).selectOption("zh-CN");
    await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
  });

});

test("the login page has the switch too", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("语言").filter({ visible: true }).selectOption("en");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByLabel("Password")).toBeVisible();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the account menu holds the user, the language switch and sign out", async ({ page }) => {
    // Signing out ends every session of the account: its own account, not one other specs use.
    await signIn(page, "session-2");
    await page.goto("/onboarding");
    await expect(page.getByRole("button", { name: "退出登录" })).toBeHidden();
    await page.getByText("菜单").click();
    await expect(page.getByTestId("merchant-name").filter({ visible: true })).toContainText("深圳市示例科技有限公司");
    await page.getByLabel("语言").filter({ visible: true }).selectOption("en");
    await expect(page.getByRole("link", { name: "Payments" })).toBeVisible();
    // The menu stays open across the language change.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
  });
});
