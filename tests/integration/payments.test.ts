import { generateKeyPairSync, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { ledgerEntries, merchants, paymentEvents, paymentNotifications, payments, sandboxPayments } from "@/db/schema";
import { applyProviderPayment } from "@/lib/payments/apply-payment";
import { processDueNotifications } from "@/lib/payments/notifications";
import type { PaymentProvider } from "@/lib/payments/provider";
import { signedHeaders } from "@/lib/payments/signature";
import { sandboxKeyPair } from "@/lib/payments/sandbox/keys";
import { signNotification } from "@/lib/payments/sandbox/notify";
import { toProviderPayment } from "@/lib/payments/sandbox/provider-handler";
import { simulatePayments } from "@/lib/payments/sandbox/simulate";
import { paymentWebhookHandler } from "@/lib/payments/webhook";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";
import { serve, type Served } from "../helpers/http";
import { startProviderSandbox, type ProviderSandbox } from "../helpers/payments";
import { testKeyRing } from "../helpers/wechat-sandbox";

const MERCHANT = "7a1c2a4e-0b7d-4c39-9a51-3d2e8f0a1b01";

describe.each(testEngines)("payment notifications on %s", (engine) => {
  let t: TestDb;
  let providerServer: ProviderSandbox;
  let webhookServer: Served;
  let provider: PaymentProvider;
  let webhookUrl: string;

  const drain = () => processDueNotifications(t.db, provider, { settlementDelayHours: 0 });
  const post = (body: string, headers: Record<string, string>) => fetch(webhookUrl, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

  beforeAll(async () => {
    t = await createTestDb(engine);
    await t.db.insert(merchants).values({ id: MERCHANT, name: "测试商户", miniProgram: { subject_name: "测试商户", nickname: "n", appid: "wx0", license_number: "1" }, feeRateBps: 60 });
    providerServer = await startProviderSandbox(t.db);
    provider = providerServer.provider;
    webhookServer = await serve(paymentWebhookHandler({ db: async () => t.db, provider: () => provider }));
    webhookUrl = `${webhookServer.url}/api/webhooks/payments`;
  });
  afterAll(async () => {
    await webhookServer?.close();
    await providerServer?.close();
    await t?.destroy();
  });

  /** An order at the provider; `known`: the console created it (its payment is on record, PENDING). */
  async function sandboxOrder(status: string, amount = "12.5", currency = "CNY", known = true) {
    const orderId = `C${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    const [row] = await t.db
      .insert(sandboxPayments)
      .values({ orderId, merchantOrderId: `M${orderId.slice(-20)}`, subAppid: "wx0", subOpenid: "o1", amount, currency, status, description: "d", createTime: new Date(), payTime: status === "SUCCEEDED" ? new Date() : null })
      .returning();
    if (known) await t.db.insert(payments).values({ merchantId: MERCHANT, orderId, merchantOrderId: row!.merchantOrderId, amountMinor: 0, currency, status: "PENDING", createdAt: row!.createTime });
    return row!;
  }

  it("records simulated payments exactly as the provider reports them, once each", async () => {
    const deps = { provider: { ...provider }, resolveOpenid: async () => { throw new Error("simulations pay with an openid"); }, notifyUrl: webhookUrl };
    const { payments: simulated, delivered } = await simulatePayments(t.db, testKeyRing, deps, { merchantId: MERCHANT, count: 12 });
    expect(delivered).toBe(12);
    const result = await drain();
    expect(result).toEqual({ processed: 12, failed: 0 });
    for (const s of simulated) {
      const [p] = await t.db.select().from(payments).where(eq(payments.orderId, s.orderId));
      expect(p).toMatchObject({ merchantId: MERCHANT, merchantOrderId: s.merchantOrderId, status: s.status, currency: s.currency });
      const [whole, fraction = ""] = s.amount.split(".");
      expect(p!.amountMinor).toBe(Number(whole) * 100 + Number(fraction.padEnd(2, "0")));
    }
  });

  it("refuses unsigned, forged, wrongly keyed and stale notifications, and records none of them", async () => {
    const order = await sandboxOrder("SUCCEEDED", "12.5", "CNY", false);
    const notification = { notify_type: "payment_success", order_id: order.orderId, merchant_order_id: order.merchantOrderId };
    const { body, headers } = await signNotification(t.db, testKeyRing, notification);
    const before = await t.db.$count(paymentNotifications);

    expect((await post(body, {})).status).toBe(401);
    // One character of the order id changed (to a different one, whatever the id ends with).
    const tampered = body.replace(order.orderId, `${order.orderId.slice(0, -1)}${order.orderId.endsWith("9") ? "8" : "9"}`);
    expect(tampered).not.toBe(body);
    expect((await post(tampered, headers)).status).toBe(401);
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const { serial } = await sandboxKeyPair(t.db, testKeyRing);
    expect((await post(body, signedHeaders(other, serial, body))).status).toBe(401);
    expect((await post(body, { ...headers, "wechatpay-serial": "UNKNOWN" })).status).toBe(401);
    const stale = await signNotification(t.db, testKeyRing, notification, Date.now() - 310_000);
    expect((await post(stale.body, stale.headers)).status).toBe(400);
    const future = await signNotification(t.db, testKeyRing, notification, Date.now() + 310_000);
    expect((await post(future.body, future.headers)).status).toBe(400);

    expect(await t.db.$count(paymentNotifications)).toBe(before);
    expect(await t.db.$count(payments, eq(payments.orderId, order.orderId))).toBe(0);
    const answer = await post(body, headers);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ code: "SUCCESS", message: "ok" });
  });

  it("processes a replayed or redelivered notification once", async () => {
    const order = await sandboxOrder("SUCCEEDED", "88.08");
    const notification = { notify_type: "payment_success", order_id: order.orderId, merchant_order_id: order.merchantOrderId };
    const first = await signNotification(t.db, testKeyRing, notification, Date.now());
    const redelivery = await signNotification(t.db, testKeyRing, notification, Date.now());
    const answers = await Promise.all([post(first.body, first.headers), post(first.body, first.headers), post(redelivery.body, redelivery.headers)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await drain();
    const rows = await t.db.select().from(paymentNotifications).where(eq(paymentNotifications.orderId, order.orderId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ deliveries: 3, attempts: 1 });
    expect(rows[0]!.processedAt).not.toBeNull();
    const [p] = await t.db.select().from(payments).where(eq(payments.orderId, order.orderId));
    expect(p!.amountMinor).toBe(8808);
    expect(await t.db.$count(paymentEvents, eq(paymentEvents.paymentId, p!.id))).toBe(1);
    expect(await t.db.$count(ledgerEntries, eq(ledgerEntries.paymentId, p!.id))).toBe(2);
  });

  it("keeps a SUCCEEDED payment succeeded when a late PENDING arrives, through the webhook and directly", async () => {
    const order = await sandboxOrder("SUCCEEDED", "100");
    const ok = await signNotification(t.db, testKeyRing, { notify_type: "payment_success", order_id: order.orderId, merchant_order_id: order.merchantOrderId });
    await post(ok.body, ok.headers);
    await drain();
    // The provider (a lagging replica, say) now reports PENDING for the same order.
    await t.db.update(sandboxPayments).set({ status: "PENDING", payTime: null }).where(eq(sandboxPayments.orderId, order.orderId));
    const late = await signNotification(t.db, testKeyRing, { notify_type: "payment_pending", order_id: order.orderId, merchant_order_id: order.merchantOrderId });
    expect((await post(late.body, late.headers)).status).toBe(200);
    await drain();
    const [p] = await t.db.select().from(payments).where(eq(payments.orderId, order.orderId));
    expect(p!.status).toBe("SUCCEEDED");
    const result = await applyProviderPayment(t.db, { ...toProviderPayment({ ...order, status: "CANCELLED" }) }, { source: "refresh", settlementDelayHours: 0 });
    expect(result).toMatchObject({ from: "SUCCEEDED", to: "SUCCEEDED", ignored: true });
    const [again] = await t.db.select().from(payments).where(eq(payments.orderId, order.orderId));
    expect(again!.status).toBe("SUCCEEDED");
    // Credited once, with the fee at 60 bp (0.6% of 100.00 = 0.60).
    const entries = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.paymentId, p!.id)).orderBy(ledgerEntries.kind);
    expect(entries.map((e) => [e.kind, e.amountMinor])).toEqual([["fee", -60], ["payment", 10000]]);
  });

  it("moves PENDING forward when the final state arrives after it (out of order is harmless)", async () => {
    const order = await sandboxOrder("PENDING", "5");
    await applyProviderPayment(t.db, toProviderPayment(order), { source: "notification", settlementDelayHours: 0 });
    await applyProviderPayment(t.db, toProviderPayment({ ...order, status: "CANCELLED" }), { source: "notification", settlementDelayHours: 0 });
    await applyProviderPayment(t.db, toProviderPayment(order), { source: "notification", settlementDelayHours: 0 });
    const [p] = await t.db.select().from(payments).where(eq(payments.orderId, order.orderId));
    expect(p!.status).toBe("CANCELLED");
    expect(await t.db.$count(ledgerEntries, eq(ledgerEntries.paymentId, p!.id))).toBe(0);
  });

  it("keeps a notification for retry while the provider cannot be asked, and tells the provider it was received", async () => {
    const order = await sandboxOrder("SUCCEEDED", "1.01");
    const n = await signNotification(t.db, testKeyRing, { notify_type: "payment_success", order_id: order.orderId, merchant_order_id: order.merchantOrderId });
    expect((await post(n.body, n.headers)).status).toBe(200);
    const down: PaymentProvider = { ...provider, baseUrl: "http://127.0.0.1:9/sandbox/provider", timeoutMs: 500 };
    const result = await processDueNotifications(t.db, down, { settlementDelayHours: 0 });
    expect(result.failed).toBeGreaterThanOrEqual(1);
    const [row] = await t.db.select().from(paymentNotifications).where(eq(paymentNotifications.orderId, order.orderId));
    expect(row!.processedAt).toBeNull();
    expect(row!.lastError).toMatch(/unreachable/);
    await t.db.update(paymentNotifications).set({ nextAttemptAt: new Date(Date.now() - 1_000) }).where(eq(paymentNotifications.id, row!.id));
    await drain();
    const [p] = await t.db.select().from(payments).where(eq(payments.orderId, order.orderId));
    expect(p!.amountMinor).toBe(101);
  });

  it("never credits a payment whose provider amount is not exact", async () => {
    const order = await sandboxOrder("SUCCEEDED", "0.001", "CNY", false);
    await expect(applyProviderPayment(t.db as Db, toProviderPayment(order), { source: "notification", settlementDelayHours: 0 })).rejects.toThrow(/Unusable amount/);
    expect(await t.db.$count(payments, eq(payments.orderId, order.orderId))).toBe(0);
  });
});
