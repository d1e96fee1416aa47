import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { asRole, expect, storageStateFor, test } from "./fixtures";
import { verifyWebhook } from "../lib/payments/webhooks-out/signature";

test.use(asRole("merchant"));
test.describe.configure({ mode: "serial" });

/** The merchant's own server, receiving the console's webhooks. */
async function startReceiver() {
  const received: { body: string; signature: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ body, signature: String(req.headers["console-signature"] ?? "") });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/hooks/wxpay`, received, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
}

test("API key, webhook endpoint, sandbox checkout: PENDING turns SUCCEEDED on the Payments page without a reload, and the webhook log shows the delivery", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const receiver = await startReceiver();
  try {
    await page.goto("/settings/developers");
    await page.getByLabel("密钥名称").fill("E2E checkout");
    await page.getByRole("button", { name: "创建密钥" }).click();
    const key = (await page.getByTestId("new-api-key").locator("code").innerText()).trim();
    expect(key).toMatch(/^wxpc_/);
    await expect(page.getByRole("region", { name: "本商户的 API 密钥" })).toContainText("E2E checkout");

    await page.getByLabel("接收地址").fill("https://10.0.0.8/hook");
    await page.getByRole("button", { name: "添加地址" }).click();
    await expect(page.getByText("该 URL 指向内网、回环或链路本地地址，控制台不会调用。").first()).toBeVisible();
    await page.getByLabel("接收地址").fill(receiver.url);
    await page.getByRole("button", { name: "添加地址" }).click();
    const secret = (await page.getByTestId("new-webhook-secret").locator("code").innerText()).trim();
    expect(secret).toMatch(/^whsec_/);

    // The Mini Program: wx.login, the back end's POST /api/v1/payments, next_action shown.
    await page.goto("/settings/developers/checkout");
    await page.getByLabel("API 密钥").fill(key);
    await page.getByRole("button", { name: "wx.login 并创建支付" }).click();
    await expect(page.getByTestId("checkout-status")).toContainText("PENDING", { timeout: 30_000 });
    await expect(page.getByTestId("next-action")).toContainText("paySign");
    const paymentId = /[0-9a-f]{8}-[0-9a-f-]{27}/.exec(await page.getByTestId("checkout-status").innerText())![0];

    const api = await page.context().request.get(`/api/v1/payments/${paymentId}`, { headers: { authorization: `Bearer ${key}` } });
    expect(api.status()).toBe(200);
    const payment = await api.json();
    expect(payment).toMatchObject({ id: paymentId, status: "PENDING", amount: "12.50", currency: "CNY" });

    // The Payments page, open in another tab, shows it PENDING…
    const list = await page.context().newPage();
    await list.goto("/payments");
    const row = list.getByTestId("payment-row").filter({ hasText: payment.merchant_order_id });
    await expect(row).toContainText("待支付");
    // …and SUCCEEDED once the shopper pays, without a reload.
    await page.getByRole("button", { name: "支付", exact: true }).click();
    await expect(page.getByTestId("checkout-status")).toHaveText("沙箱已完成支付并通知控制台。", { timeout: 30_000 });
    await expect(row).toContainText("支付成功", { timeout: 30_000 });

    // Merchant B's key never sees A's payment.
    const other = await browser.newContext({ baseURL: test.info().project.use.baseURL, storageState: storageStateFor("other-merchant") });
    const otherPage = await other.newPage();
    await otherPage.goto("/settings/developers");
    await otherPage.getByLabel("密钥名称").fill("B back end");
    await otherPage.getByRole("button", { name: "创建密钥" }).click();
    const keyB = (await otherPage.getByTestId("new-api-key").locator("code").innerText()).trim();
    expect((await other.request.get(`/api/v1/payments/${paymentId}`, { headers: { authorization: `Bearer ${keyB}` } })).status()).toBe(404);
    const listB = await (await other.request.get(`/api/v1/payments?merchant_order_id=${payment.merchant_order_id}`, { headers: { authorization: `Bearer ${keyB}` } })).json();
    expect(listB.data).toEqual([]);
    await other.close();

    // The merchant's server got the events, signed with its secret; the log shows the delivery.
    await expect.poll(() => receiver.received.map((r) => JSON.parse(r.body).type), { timeout: 30_000 }).toContain("payment.succeeded");
    for (const r of receiver.received) expect(verifyWebhook(secret, r.body, r.signature, Math.floor(Date.now() / 1000))).toBe(true);
    await page.goto("/settings/developers");
    const log = page.getByTestId("webhook-endpoint").filter({ hasText: receiver.url }).getByTestId("webhook-log");
    await expect(log).toContainText("payment.succeeded");
    await expect(log).toContainText("已送达");

    // Screens for review (not assertions): both widths, both languages.
    for (const [locale, width] of [["zh-CN", 1280], ["zh-CN", 390], ["en", 1280], ["en", 390]] as const) {
      await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: test.info().project.use.baseURL! }]);
      await page.setViewportSize({ width, height: 900 });
      for (const path of ["/settings/developers", "/settings/developers/docs", "/settings/developers/checkout"]) {
        await page.goto(path);
        await page.screenshot({ path: `/tmp/shots-payments/${path.split("/").at(-1)}-${locale}-${width}.png`, fullPage: true });
      }
    }
  } finally {
    await receiver.close();
  }
});
