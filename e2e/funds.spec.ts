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
    const file = await download;
    // The file name says the range; the file starts with a BOM so Excel reads the Chinese header.
    expect(file.suggestedFilename()).toMatch(/^payments-(all-to-)?\d{4}-\d{2}-\d{2}.*\.csv$/);
    const text = readFileSync((await file.path())!, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split("\n");
    expect(lines[0]).toBe("订单号 (order_id),商户订单号,状态代码,状态,金额,手续费,实收金额,币种,创建时间 (北京时间 UTC+08:00),支付时间 (北京时间 UTC+08:00),描述");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`,${merchantOrderId},SUCCEEDED,支付成功,\\d+\\.\\d{2},\\d+\\.\\d{2},\\d+\\.\\d{2},`));

    const all = await page.request.get("/api/payments/export");
    expect(all.headers()["content-type"]).toContain("text/csv");
    const body = (await all.text()).trim().split("\n");
    expect(body.length - 1).toBeGreaterThanOrEqual(40);
    // Other journeys (the checkout player) pay the demo merchant too: any merchant order number.
    for (const line of body.slice(1)) expect(line).toMatch(/^C\d{21},[A-Za-z0-9_-]+,(PENDING|SUCCEEDED|CANCELLED),[^,]+,\d+(\.\d{2})?,\d+(\.\d{2})?,\d+(\.\d{2})?,(CNY|HKD|USD),\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},/);
  });

  test("the list prefetches none of its links, and a payment opens and closes in the drawer within one document", async ({ page }) => {
    const requests: { url: URL; prefetch: boolean }[] = [];
    page.on("request", (r) => requests.push({ url: new URL(r.url()), prefetch: !!r.headers()["next-router-prefetch"] }));
    // Succeeded payments only: no PENDING row, so the page's auto-refresh stays off during the test.
    await page.goto("/payments?status=SUCCEEDED");
    const rows = page.getByTestId("payment-row");
    await expect(rows.first()).toBeVisible();
    // Down the page a screen at a time, so that every link (rows, pager, sort, nav) comes into view.
    for (let i = 0; i < 20; i++) {
      await page.mouse.wheel(0, 400);
      await page.waitForTimeout(100);
    }
    await page.waitForTimeout(1000);
    expect(requests.filter((r) => r.prefetch).map((r) => r.url.href)).toEqual([]);

    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    requests.length = 0;
    const merchantOrderId = (await rows.first().locator("span.font-mono").first().innerText()).trim();
    await rows.first().getByRole("link", { name: /详情/ }).click();
    const drawer = page.getByRole("dialog", { name: "交易详情" });
    await expect(drawer).toContainText(merchantOrderId);
    const id = new URL(page.url()).searchParams.get("payment");
    expect(new URL(page.url()).searchParams.get("status")).toBe("SUCCEEDED");
    expect(requests.map((r) => r.url.pathname)).toContain(`/api/payments/${id}`);

    await drawer.getByRole("button", { name: "关闭" }).click();
    await expect(drawer).toBeHidden();
    await expect(page).toHaveURL(/\/payments\?status=SUCCEEDED$/);
    // Back reopens the payment, and Back again closes it, in the same document.
    await page.goBack();
    await expect(drawer).toContainText(merchantOrderId);
    await page.goBack();
    await expect(drawer).toBeHidden();
    expect(requests.filter((r) => r.prefetch).map((r) => r.url.href)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    // A link opened in a new tab is an ordinary page with its drawer open.
    const tab = await page.context().newPage();
    await tab.goto((await rows.first().getByRole("link", { name: /详情/ }).getAttribute("href"))!);
    await expect(tab.getByRole("dialog", { name: "交易详情" })).toContainText(merchantOrderId);
    await tab.close();
  });

  test("change the settlement account and follow it at WeChat until it is in force", async ({ page }) => {
    await page.goto("/settings");
    // The account-name rule is stated before anything is sent.
    await expect(page.getByText("对公账户的开户名称必须与商户名称「深圳市示例科技有限公司」完全一致")).toBeVisible();
    await page.getByLabel("账户类型").selectOption("74");
    await page.getByLabel("省份").selectOption({ label: "广东省" });
    await page.getByLabel("开户银行所在城市").selectOption({ label: "深圳市" });
    await page.getByLabel("开户名称").fill("深圳市示例科技有限公司");
    // Typed in groups with a Chinese keyboard's full-width digits: the digits alone go to WeChat,
    // which names the bank from them (the wizard's look-up), so the bank is not chosen by hand.
    await page.getByLabel("银行账号").fill("６２２２　０２０２　００００　１２３４");
    await expect(page.getByTestId("bank-lookup")).toContainText("工商银行");
    await expect(page.getByLabel("开户银行", { exact: true })).toHaveValue("工商银行");
    await page.getByRole("button", { name: "申请修改" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已提交修改申请，等待微信验证。" })).toBeVisible();
    await expect(page.getByTestId("settlement-changes")).toContainText("等待微信验证");
    await expect(page.getByTestId("settlement-changes")).toContainText("已生效", { timeout: 30_000 });
    await expect(page.getByTestId("settlement-number")).toHaveText("6222********1234");
    await expect(page.getByTestId("wechat-account-number")).toHaveText("6222********1234");
    await expect(page.getByTestId("settlement-current")).not.toContainText("6222020200001234");
  });

  test("settings shows every problem of a change at once", async ({ page }) => {
    await page.goto("/settings");
    await page.getByLabel("账户类型").selectOption("74");
    await page.getByLabel("开户银行", { exact: true }).selectOption("其他银行");
    await page.getByLabel("省份").selectOption({ label: "广东省" });
    await page.getByLabel("开户银行所在城市").selectOption({ label: "深圳市" });
    await page.getByLabel("开户名称").fill("别的公司");
    // A card WeChat cannot place: the bank stays as chosen, and 其他银行 needs its branch.
    await page.getByLabel("银行账号").fill("6399990000001234");
    await expect(page.getByTestId("bank-lookup")).toContainText("微信未识别此卡号");
    await page.getByRole("button", { name: "申请修改" }).click();
    await expect(page.locator("#account_name-error")).toBeVisible();
    await expect(page.locator("#bank_branch_id-error")).toBeVisible();
  });

  test("withdraw: WeChat's QR code, scanned with the sandbox control, followed to paid without a reload", async ({ page }) => {
    await page.goto("/withdrawals");
    await expect(page.getByTestId("balance-CNY").getByTestId("available")).not.toHaveText(/^¥0\.00$/);
    await page.getByLabel("金额（人民币）").fill("1.00");
    await page.getByRole("button", { name: "申请提现" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已向微信申请提现" })).toBeVisible();
    const progress = page.getByTestId("withdrawal-progress");
    await expect(progress.getByTestId("withdrawal-qrcode")).toBeVisible();
    // The picture is its own request: shown first, decoded a moment later.
    await expect.poll(() => progress.getByTestId("withdrawal-qrcode").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expect(progress.getByTestId("scan-status")).toHaveText("请用管理员微信扫描二维码并确认。");
    // A mark on this document: a reload would make a new one without it (router refreshes keep it).
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    await progress.getByRole("button", { name: "模拟已扫码" }).click();
    await expect(progress.getByTestId("scan-status")).toHaveText("已扫码，请在微信中确认。");
    await progress.getByRole("button", { name: "模拟扫码并确认" }).click();
    await expect(progress.getByTestId("scan-status")).toContainText("已确认");
    const row = page.getByTestId("withdrawal-row").first();
    await expect(row).toContainText("6222********1234");
    await expect(row).toContainText("已到账", { timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await expect(page.getByTestId("ledger-row").first()).toContainText("提现");
    await row.getByRole("link", { name: "详情" }).click();
    await expect(page.getByTestId("withdrawal-timeline")).toContainText("待扫码确认");
    await expect(page.getByTestId("withdrawal-timeline")).toContainText("已到账");
  });

  test("at 390 px the first payment's and withdrawal's amount and status are on screen without scrolling sideways", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const [path, row, cells] of [
      ["/payments", "payment-row", ["payment-amount", "payment-status"]],
      ["/withdrawals", "withdrawal-row", ["withdrawal-amount", "withdrawal-status"]],
    ] as const) {
      await page.goto(path);
      const first = page.getByTestId(row).first();
      await first.scrollIntoViewIfNeeded();
      for (const cell of cells) {
        const box = await first.getByTestId(cell).boundingBox();
        expect(box, `${path} ${cell}`).not.toBeNull();
        expect(box!.x, `${path} ${cell} left edge`).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width, `${path} ${cell} right edge`).toBeLessThanOrEqual(390);
        await expect(first.getByTestId(cell)).toBeInViewport({ ratio: 1 });
      }
    }
  });

  test("a second withdrawal the same day, or one over the balance, is refused with one clear message", async ({ page }) => {
    await page.goto("/withdrawals");
    await page.getByLabel("金额（人民币）").fill("99999999");
    await page.getByRole("button", { name: "申请提现" }).click();
    await expect(page.getByText(/金额超过可提现余额，最多可提现 ¥[\d,]+\.\d\d。/)).toHaveCount(1);
    await page.getByLabel("金额（人民币）").fill("1.00");
    await page.getByRole("button", { name: "申请提现" }).click();
    await expect(page.getByRole("status").filter({ hasText: "每天只能提现一次" })).toBeVisible();
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

