import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { asRole, expect, test } from "./fixtures";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("login page has no serious accessibility violations", async ({ page }) => {
  await page.goto("/login");
  expect(await seriousViolations(page)).toEqual([]);
});

test.describe("shell", () => {
  test.use(asRole("merchant"));
  for (const width of [1280, 390]) {
    test(`merchant shell at ${width}px has no serious violations and works by keyboard`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/onboarding");
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press("Tab");
      await expect(page.getByRole("link", { name: "跳到主要内容" })).toBeFocused();
      const payments = page.getByRole("link", { name: "交易明细" });
      await payments.focus();
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(/\/payments$/);
    });
  }
});

test.describe("support shell", () => {
  test.use(asRole("support"));
  test("has no serious violations", async ({ page }) => {
    await page.goto("/support/review");
    expect(await seriousViolations(page)).toEqual([]);
  });
});
