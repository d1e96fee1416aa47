import { asRole, expect, test } from "./fixtures";
import { e2eReconciliation } from "./seed/fixtures";

test.use(asRole("support"));

const { merchant, consoleOnly, differs, wechatOnly } = e2eReconciliation;
const rowOf = (page: import("@playwright/test").Page, reference: string) => page.locator(`[data-testid="difference-row"][data-reference="${reference}"]`);

test.describe("reconciliation", () => {
  for (const width of [1280, 390]) {
    test(`support finds the planted differences and the balance difference at ${width}px`, async ({ page }) => {
      // Two pages, a record page and an accessibility scan: more than the default minute on a loaded machine.
      test.setTimeout(150_000);
      const AxeBuilder = (await import("@axe-core/playwright")).default;
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/support/review");
      await page.getByRole("link", { name: "对账", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: "对账" })).toBeVisible();

      await page.getByLabel("商户").selectOption({ label: merchant.name });
      await page.getByRole("button", { name: "查询" }).click();
      await expect(page).toHaveURL(new RegExp(`merchant=${merchant.id}`));
      await expect(page.getByTestId("difference-count")).toHaveText("3 条差异");

      const missing = rowOf(page, consoleOnly.orderId);
      await expect(missing.getByTestId("difference-kind")).toHaveText("控制台有，微信没有");
      await expect(missing.getByTestId("console-amount")).toContainText("12.34");
      await expect(rowOf(page, differs.orderId).getByTestId("difference-kind")).toHaveText("金额不一致");
      await expect(rowOf(page, differs.orderId).getByTestId("wechat-amount")).toContainText("49.00");
      await expect(rowOf(page, wechatOnly.requestNo).getByTestId("difference-kind")).toHaveText("微信有，控制台没有");

      const balance = page.getByTestId("balance-difference-row").filter({ hasText: merchant.name });
      await expect(balance.getByTestId("balance-difference")).toContainText("23.45");

      // The kind of difference and the link to the record are on screen, without scrolling sideways.
      for (const locator of [missing.getByTestId("difference-kind"), missing.getByRole("link", { name: /查看/ }), balance.getByTestId("balance-difference")]) {
        await locator.scrollIntoViewIfNeeded();
        const box = await locator.boundingBox();
        expect(box).not.toBeNull();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
      expect(serious).toEqual([]);

      await rowOf(page, differs.orderId).getByRole("link", { name: /查看/ }).click();
      await expect(page.getByRole("heading", { level: 1, name: "对账记录" })).toBeVisible();
      await expect(page.getByTestId("console-payment")).toContainText(differs.orderId);
      await expect(page.getByTestId("console-payment")).toContainText("50.00");
      await expect(page.getByTestId("wechat-flow")).toContainText("49.00");
    });
  }

  test("a bad filter says what is wrong, keeps what was typed, and never fails the page", async ({ page }) => {
    const response = await page.goto(`/support/reconciliation?merchant=${merchant.id}&from=2026-13-45&to=2026-01-01`);
    expect(response!.status()).toBe(200);
    await expect(page.getByRole("alert").filter({ hasText: "筛选条件未生效" })).toBeVisible();
    await expect(page.getByText("请按 YYYY-MM-DD 格式填写日期。")).toBeVisible();
    await expect(page.getByLabel("商户")).toHaveValue(merchant.id);

    await page.goto(`/support/reconciliation?from=2026-03-01&to=2026-02-01`);
    await expect(page.getByText("结束日期不能早于开始日期，且最多相隔 31 天。")).toBeVisible();
    await expect(page.getByLabel("从")).toHaveValue("2026-03-01");

    await page.goto(`/support/reconciliation?merchant=not-a-merchant`);
    await expect(page.getByText("请从列表中选择商户。")).toBeVisible();
  });
});
