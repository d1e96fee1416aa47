import { asRole, expect, test } from "./fixtures";

test.describe("language", () => {
  test.use(asRole("merchant"));

  test("switches to English, persists across reloads and navigation, and back", async ({ page }) => {
    await page.goto("/onboarding");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page.getByLabel("语言").selectOption("en");
    await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link")).toHaveText(["Onboarding", "Payments", "Withdrawals", "Settings"]);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.reload();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.getByRole("link", { name: "Payments" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Payments");
    await page.getByLabel("Language").selectOption("zh-CN");
    await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
  });

});

test("the login page has the switch too", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("语言").selectOption("en");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByLabel("Password")).toBeVisible();
});
