import { readFileSync } from "node:fs";
import { asRole, expect, storageStateFor, test } from "./fixtures";

test.use(asRole("merchant"));
// One merchant's money: payments first, then the account, then a withdrawal from that balance.
test.describe.configure({ mode: "serial" });

test.describe("funds", () => {
  test("simulate payments, filter and search them, open the drawer, export CSV", async ({ page, browser }) => {
    await page.goto("/payments");
    await page.getByRole("button", { name: "模拟交易" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已通知 40 笔交易。" })).toBeVisible({ timeout: 45_000 });
    await expect(page.getByTestId("payment-row").first()).toBeVisible();
    await expect(page.getByTestId("tile-month")).not.toContainText("—");

    await page.getByLabel("状态").selectOption("SUCCEEDED");
    await page.getByRole("button", { name: "筛选", exact: true }).click();
    await expect(page).toHaveURL(/status=SUCCEEDED/);
    const rows = page.getByTestId("payment-row");
    await expect(rows.first()).toBeVisible();
    for (const text of await rows.allInnerTexts()) expect(text).toContain("支付成功");

    const merchantOrderId = (await rows.first().locator("span.font-mono").first().innerText()).trim();
    await page.getByRole("button", { name: "清除筛选" }).click();
    await expect(page).toHaveURL(/\/payments$/);
    await page.getByLabel("订单号").fill(merchantOrderId);
    await page.getByRole("button", { name: "筛选", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`q=${merchantOrderId}`));
    await expect(rows).toHaveCount(1);

    await rows.first().getByRole("link", { name: /详情/ }).click();
    const drawer = page.getByRole("dialog", { name: "交易详情" });
    await expect(drawer).toContainText(merchantOrderId);
    await expect(drawer.getByTestId("payment-timeline")).toContainText("支付成功");
    await drawer.getByRole("button", { name: "向支付机构刷新" }).click();
    await expect(drawer.getByRole("status")).toHaveText("已向支付机构查询：没有变化。");
    const paymentId = new URL(page.url()).searchParams.get("payment")!;
    expect((await page.request.get(`/api/payments/${paymentId}`)).status()).toBe(200);
    await drawer.getByRole("button", { name: "关闭" }).click();
    await expect(drawer).toBeHidden();

    // Another merchant sees none of it: not in the list, not by id, not in the export.
    const other = await browser.newContext({ baseURL: test.info().project.use.baseURL, storageState: storageStateFor("other-merchant") });
    const otherPage = await other.newPage();
    await otherPage.goto("/payments");
    await expect(otherPage.getByRole("heading", { level: 1 })).toBeVisible();
    // (B may hold payments of its own, e.g. from the access-control checks; none may be A's.)
    await expect(otherPage.getByTestId("payment-row").filter({ hasText: merchantOrderId })).toHaveCount(0);
    expect((await otherPage.request.get(`/api/payments/${paymentId}`)).status()).toBe(404);
    expect(await (await otherPage.request.get("/api/payments/export")).text()).not.toContain(merchantOrderId);
    await other.close();

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "导出 CSV" }).click();
    const lines = readFileSync((await (await download).path())!, "utf8").trim().split("\n");
    expect(lines[0]).toBe("order_id,merchant_order_id,status,amount,currency,created_at,paid_at,description");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`,${merchantOrderId},SUCCEEDED,`);

    const all = await page.request.get("/api/payments/export");
    expect(all.headers()["content-type"]).toContain("text/csv");
    const body = (await all.text()).trim().split("\n");
    expect(body.length - 1).toBeGreaterThanOrEqual(40);
    for (const line of body.slice(1)) expect(line).toMatch(/^C\d{21},SIM\d+,(PENDING|SUCCEEDED|CANCELLED),\d+(\.\d{2})?,(CNY|HKD|USD),/);
  });

  test("change the settlement account, then withdraw and watch it succeed", async ({ page }) => {
    await page.goto("/settings");
    await page.getByLabel("账户类型").selectOption("74");
    await page.getByLabel("开户银行", { exact: true }).selectOption("工商银行");
    await page.getByLabel("省份").selectOption({ label: "广东省" });
    await page.getByLabel("开户银行所在城市").selectOption({ label: "深圳市" });
    await page.getByLabel("开户名称").fill("深圳市示例科技有限公司");
    await page.getByLabel("银行账号").fill("6222020200001234");
    await page.getByRole("button", { name: "申请修改" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已提交修改申请" })).toBeVisible();
    await expect(page.getByTestId("settlement-changes")).toContainText("验证通过，已启用", { timeout: 30_000 });
    await expect(page.getByTestId("settlement-number")).toHaveText("6222********1234");
    await expect(page.getByTestId("settlement-current")).not.toContainText("6222020200001234");

    await page.goto("/withdrawals");
    await expect(page.getByTestId("balance-CNY").getByTestId("available")).not.toHaveText(/^¥0\.00$/);
    await page.getByLabel("金额").fill("1.00");
    await page.getByRole("button", { name: "申请提现" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已申请提现" })).toBeVisible();
    const row = page.getByTestId("withdrawal-row").first();
    await expect(row).toContainText("6222********1234");
    await expect(row).toContainText("已到账", { timeout: 30_000 });
    await expect(page.getByTestId("ledger-row").first()).toContainText("提现");
    await row.getByRole("link", { name: "详情" }).click();
    await expect(page.getByTestId("withdrawal-timeline")).toContainText("处理中");
    await expect(page.getByTestId("withdrawal-timeline")).toContainText("已到账");
  });

  test("a withdrawal over the balance is refused with a clear message", async ({ page }) => {
    await page.goto("/withdrawals");
    await page.getByLabel("金额").fill("99999999");
    await page.getByRole("button", { name: "申请提现" }).click();
    await expect(page.getByText("金额超过可提现余额。").first()).toBeVisible();
  });
});

test.describe("funds pages at phone and desktop widths", () => {
  for (const width of [390, 1280]) {
    test(`payments, withdrawals and settings at ${width}px: no serious violations, no page-wide horizontal scroll`, async ({ page }) => {
      const AxeBuilder = (await import("@axe-core/playwright")).default;
      await page.setViewportSize({ width, height: 900 });
      for (const path of ["/payments", "/withdrawals", "/settings"]) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        expect(serious).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, path).toBeLessThanOrEqual(0);
      }
    });
  }
});

