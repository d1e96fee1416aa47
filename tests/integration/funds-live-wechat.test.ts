import { randomBytes, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { merchants, settlementAccounts, withdrawals } from "@/db/schema";
import { parseConfig, type AppConfig } from "@/lib/config";
import { sealString } from "@/lib/crypto/at-rest";
import { dataKeyRing } from "@/lib/crypto/keys";
import { isAppError } from "@/lib/errors";
import { fundsGatewayFor, withdrawalDepsFor } from "@/lib/funds/app-gateway";
import { requestWithdrawal } from "@/lib/funds/withdrawals";
import { getBalances } from "@/lib/ledger/balance";
import { applyProviderPayment } from "@/lib/payments/apply-payment";
import { registerWeChatFundsTransport } from "@/lib/wechat";
import en from "@/messages/en/funds.json";
import zh from "@/messages/zh-CN/funds.json";
import { documented } from "../fixtures/wechat-funds";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";
import { serve, type Served } from "../helpers/http";

const holder = globalThis as unknown as { __appConfig?: AppConfig; __wechatClients?: Map<string, unknown> };

type Seen = { path: string; token: string | null; body: Record<string, unknown> };

/**
 * A stand-in for api.weixin.qq.com answering the documented examples: stable_token's answer per
 * appid (so each Mini Program's token is told apart), and what each test queues per funds path.
 */
function fakeWeChat() {
  const seen: Seen[] = [];
  const queued = new Map<string, (() => Promise<unknown> | unknown)[]>();
  const handler = async (request: Request) => {
    const url = new URL(request.url);
    const body = request.method === "POST" ? ((await request.json()) as Record<string, unknown>) : {};
    seen.push({ path: url.pathname, token: url.searchParams.get("access_token"), body });
    // https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html
    if (url.pathname === "/cgi-bin/stable_token") return Response.json({ access_token: `ACCESS_TOKEN_${body.appid}`, expires_in: 7200 });
    const next = queued.get(url.pathname)?.shift();
    if (!next) return Response.json({ errcode: 404, errmsg: `nothing queued for ${url.pathname}` }, { status: 404 });
    return Response.json(await next());
  };
  return {
    seen,
    handler,
    answer(path: string, ...answers: (() => Promise<unknown> | unknown)[]) {
      queued.set(path, [...(queued.get(path) ?? []), ...answers]);
    },
    calls: (path: string) => seen.filter((s) => s.path === path),
    reset() {
      seen.length = 0;
      queued.clear();
    },
  };
}

describe.each(testEngines)("live mode: funds calls reach WeChat under the merchant's own token, on %s", (engine) => {
  let t: TestDb;
  let server: Served;
  const wechat = fakeWeChat();

  beforeAll(async () => {
    t = await createTestDb(engine);
    server = await serve(wechat.handler);
    holder.__appConfig = parseConfig({
      DATA_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
      DATA_DIR: "/tmp/funds-live-test",
      WECHAT_MODE: "live",
      WECHAT_API_BASE: server.url,
      WECHAT_PLATFORM_PUBLIC_KEY: "-----BEGIN PUBLIC KEY-----\nlive-test\n-----END PUBLIC KEY-----",
      WECHAT_PLATFORM_KEY_SERIAL: "live-test",
      WECHAT_TIMEOUT_MS: "2000",
      WECHAT_RETRIES: "2",
    });
    holder.__wechatClients?.clear();
    registerWeChatFundsTransport();
  });
  afterAll(async () => {
    delete holder.__appConfig;
    holder.__wechatClients?.clear();
    await server?.close();
    await t?.destroy();
  });
  beforeEach(() => wechat.reset());

  /** A merchant with its own Mini Program and AppSecret, a settlement account, and `yuan` paid in. */
  async function openMerchant(yuan: string) {
    const id = randomUUID();
    const appid = `wx${randomBytes(8).toString("hex")}`;
    const ring = dataKeyRing();
    await t.db.insert(merchants).values({ id, name: `商户${appid}`, miniProgram: { subject_name: "s", nickname: "n", appid, license_number: "1" }, feeRateBps: 0, appSecretSealed: sealString(ring, randomBytes(16).toString("hex")) });
    await t.db.insert(settlementAccounts).values({
      merchantId: id, bankAccountType: "ACCOUNT_TYPE_BUSINESS", accountBank: "工商银行", bankAddressCode: "110000",
      accountNameSealed: sealString(ring, "测试公司"), accountNumberSealed: sealString(ring, "6222020200001234"),
    });
    const orderId = `C${randomUUID().replaceAll("-", "").slice(0, 20)}`;
    const paidAt = new Date(Date.now() - 60_000).toISOString();
    await applyProviderPayment(t.db, { order_id: orderId, merchant_order_id: `M${orderId}`, amount: yuan, currency: "CNY", status: "SUCCEEDED", create_time: paidAt, pay_time: paidAt }, { source: "notification", settlementDelayHours: 0, merchantId: id });
    return { id, appid };
  }

  const withdraw = async (merchantId: string, amount: string) =>
    requestWithdrawal(t.db, await withdrawalDepsFor(t.db, merchantId), { merchantId, request: { amount, currency: "CNY", idempotency_key: randomUUID() }, maskAccount: () => "6222********1234" });
  const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

  it("sends one submitwithdraw with exactly the documented fields, under each merchant's own token", async () => {
    const a = await openMerchant("1000");
    const b = await openMerchant("1000");
    for (let i = 0; i < 2; i++) {
      wechat.answer("/shop/funds/getbalance", () => documented.getbalance.answer);
      wechat.answer("/shop/funds/submitwithdraw", () => documented.submitwithdraw.answer);
    }
    const { withdrawal } = await withdraw(a.id, "3.00");
    await withdraw(b.id, "2.00");

    expect(withdrawal).toMatchObject({ status: "awaiting_scan", outRequestNo: "xxxxx", qrcodeTicket: "xxxxx", amountMinor: 300 });
    const submits = wechat.calls("/shop/funds/submitwithdraw");
    expect(submits).toHaveLength(2);
    expect(submits[0]!.token).toBe(`ACCESS_TOKEN_${a.appid}`);
    expect(submits[1]!.token).toBe(`ACCESS_TOKEN_${b.appid}`);
    expect(Object.keys(submits[0]!.body).sort()).toEqual(Object.keys(documented.submitwithdraw.request).sort());
    expect(submits[0]!.body).toEqual({ amount: 300, remark: `wd:${withdrawal.id}`, bank_memo: "" });
    // The balance was read from WeChat first, under the same token.
    expect(wechat.calls("/shop/funds/getbalance").map((c) => c.token)).toEqual([`ACCESS_TOKEN_${a.appid}`, `ACCESS_TOKEN_${b.appid}`]);
    expect(new Set(wechat.calls("/cgi-bin/stable_token").map((c) => c.body.appid))).toEqual(new Set([a.appid, b.appid]));
  });

  it("turns errcode 9700101 into the one-a-day message, and gives the money back", async () => {
    const m = await openMerchant("100");
    wechat.answer("/shop/funds/getbalance", () => documented.getbalance.answer);
    wechat.answer("/shop/funds/submitwithdraw", () => documented.submitwithdraw.dailyLimit);
    const error = await failure(withdraw(m.id, "1.00"));
    expect(isAppError(error) && error.message).toBe("funds.wechat.dailyLimit");
    expect(en.wechat.dailyLimit).toMatch(/one withdrawal a day/i);
    expect(zh.wechat.dailyLimit).toMatch(/每天|每日/);
    expect(wechat.calls("/shop/funds/submitwithdraw")).toHaveLength(1);
    const [row] = await t.db.select().from(withdrawals).where(eq(withdrawals.merchantId, m.id));
    expect(row).toMatchObject({ status: "failed", reason: "funds.wechat.dailyLimit" });
    expect(await getBalances(t.db, { merchantId: m.id })).toMatchObject([{ available: 10_000 }]);
  });

  it("refreshes a token WeChat calls expired (42001) and sends the withdrawal once it is accepted", async () => {
    const m = await openMerchant("100");
    wechat.answer("/shop/funds/getbalance", () => documented.getbalance.answer);
    wechat.answer("/shop/funds/submitwithdraw", () => ({ errcode: 42001, errmsg: "access_token expired" }), () => documented.submitwithdraw.answer);
    const { withdrawal } = await withdraw(m.id, "1.00");
    expect(withdrawal.status).toBe("awaiting_scan");
    // One token first, one more after the 42001; the refused call and the accepted one.
    expect(wechat.calls("/cgi-bin/stable_token").length).toBeGreaterThanOrEqual(2);
    expect(wechat.calls("/shop/funds/submitwithdraw").map((c) => c.token)).toEqual([`ACCESS_TOKEN_${m.appid}`, `ACCESS_TOKEN_${m.appid}`]);
  });

  it("never repeats a submitwithdraw WeChat did not answer: the withdrawal waits to be found in WeChat's list", async () => {
    const m = await openMerchant("100");
    wechat.answer("/shop/funds/getbalance", () => documented.getbalance.answer);
    wechat.answer("/shop/funds/submitwithdraw", async () => {
      await sleep(3000);
      return documented.submitwithdraw.answer;
    });
    const { withdrawal } = await withdraw(m.id, "1.00");
    expect(withdrawal.status).toBe("submitting");
    await sleep(1500);
    expect(wechat.calls("/shop/funds/submitwithdraw")).toHaveLength(1);
  });

  it("retries a read WeChat was too busy for (-1), and reports a refused call with its message", async () => {
    const m = await openMerchant("100");
    const gateway = await fundsGatewayFor(t.db, m.id);
    wechat.answer("/shop/funds/getbalance", () => ({ errcode: -1, errmsg: "system error" }), () => documented.getbalance.answer);
    expect(await gateway.getBalance()).toEqual({ available: 45331, pending: 7549 });
    expect(wechat.calls("/shop/funds/getbalance")).toHaveLength(2);

    wechat.answer("/shop/funds/qrcode/get", () => documented.qrcodeGet.expired);
    await expect(gateway.getQrcode("05ba627d5b73b6f3ef0dcfc7")).rejects.toMatchObject({ errcode: 60220, messageKey: "funds.wechat.qrcodeExpired" });
    expect(wechat.calls("/shop/funds/qrcode/get")[0]!.body).toEqual(documented.qrcodeGet.request);
  });

  it("refuses with a sentence, sending nothing, for a merchant whose AppSecret is not set", async () => {
    const m = await openMerchant("100");
    await t.db.update(merchants).set({ appSecretSealed: null }).where(eq(merchants.id, m.id));
    const error = await failure((await fundsGatewayFor(t.db, m.id)).getBalance());
    expect(isAppError(error) && error.message).toBe("funds.wechat.liveUnavailable");
    expect(wechat.seen).toHaveLength(0);
  });
});
