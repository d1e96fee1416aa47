import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { merchants, paymentEvents, payments, providerSandboxKeys, sandboxPayments, webhookAttempts, webhookDeliveries } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { authenticateApiKey, createApiKey, createApiKeyForAppid, revokeApiKey } from "@/lib/payments/api-keys";
import { getApiPayment, listApiPayments } from "@/lib/payments/api-payments";
import type { PaymentCreate } from "@/lib/payments/api-schemas";
import { createPayment, type CreatePaymentDeps } from "@/lib/payments/create-payment";
import { processDueNotifications } from "@/lib/payments/notifications";
import { wechatOpenidResolver } from "@/lib/payments/openid";
import { pollPendingPayments } from "@/lib/payments/poll-payments";
import { settleSandboxPayment } from "@/lib/payments/sandbox/notify";
import { paymentWebhookHandler } from "@/lib/payments/webhook";
import { deliverDueWebhooks } from "@/lib/payments/webhooks-out/deliver";
import { createWebhookEndpoint, listWebhookEndpoints, resendDelivery } from "@/lib/payments/webhooks-out/endpoints";
import { verifyWebhook } from "@/lib/payments/webhooks-out/signature";
import { assertPublicEndpoint } from "@/lib/payments/webhooks-out/url-guard";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";
import { serve, type Served } from "../helpers/http";
import { startProviderSandbox, type ProviderSandbox } from "../helpers/payments";
import { startSandboxServer, testKeyRing, type SandboxServer } from "../helpers/wechat-sandbox";

const APPID_A = "wxa1b2c3d4e5f60001";
const APPID_B = "wxa1b2c3d4e5f60002";

describe.each(testEngines)("payments API on %s", (engine) => {
  let t: TestDb;
  let provider: ProviderSandbox;
  let wechat: SandboxServer;
  let webhook: Served;
  let deps: CreatePaymentDeps;
  const merchantA = randomUUID();
  const merchantB = randomUUID();
  let n = 0;

  const body = (payer: PaymentCreate["payer"], extra: Partial<PaymentCreate> = {}): PaymentCreate => ({ amount: "12.50", currency: "CNY", merchant_order_id: `P${Date.now()}${n++}`, description: "Mini Program Payment", payer, ...extra });
  const drain = () => processDueNotifications(t.db, provider.provider, { settlementDelayHours: 0 });
  // Other tests' payments stay PENDING too; the polling tests watch one payment at a time.
  const onlyThisOnePolled = (id: string) => t.db.update(payments).set({ nextQueryAt: null }).where(sql`${payments.id} <> ${id}`);
  const statusOf = async (id: string) => (await t.db.select({ s: payments.status }).from(payments).where(eq(payments.id, id)))[0]!.s;

  beforeAll(async () => {
    t = await createTestDb(engine);
    for (const [id, appid] of [[merchantA, APPID_A], [merchantB, APPID_B]] as const) {
      await t.db.insert(merchants).values({ id, name: `m-${appid}`, miniProgram: { subject_name: "s", nickname: "n", appid, license_number: "1" }, feeRateBps: 60 });
    }
    wechat = await startSandboxServer(t.db);
    provider = await startProviderSandbox(t.db);
    webhook = await serve(paymentWebhookHandler({ db: async () => t.db, provider: () => provider.provider }));
    deps = {
      provider: provider.provider,
      resolveOpenid: wechatOpenidResolver(wechat.wechatFor),
      notifyUrl: `${webhook.url}/api/webhooks/payments`,
      waitMs: 20_000,
    };
  });
  afterAll(async () => {
    await webhook?.close();
    await provider?.close();
    await wechat?.close();
    await t?.destroy();
  });

  it("creates a payment from a wx.login code: jscode2session, the seed's create request, PENDING with next_action", async () => {
    const code = await wechat.sandbox.mintLoginCode(APPID_A);
    const { payment } = await createPayment(t.db, deps, { merchantId: merchantA, idempotencyKey: randomUUID(), body: body({ js_code: code }) });
    expect(payment).toMatchObject({ status: "PENDING", amount: "12.50", currency: "CNY" });
    expect(Object.keys(payment.next_action!).sort()).toEqual(["appId", "nonceStr", "package", "paySign", "signType", "timeStamp"]);
    expect(payment.next_action!.appId).toBe(APPID_A);
    expect(payment.next_action!.package).toMatch(/^prepay_id=/);
    // The provider got exactly the documented payment_method, for the merchant's own Mini Program.
    const [held] = await t.db.select().from(sandboxPayments).where(eq(sandboxPayments.orderId, payment.order_id));
    expect(held).toMatchObject({ subAppid: APPID_A, notifyUrl: deps.notifyUrl, amount: "12.50" });
    expect(held!.subOpenid).toMatch(/^o/);
    const events = await t.db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, payment.id));
    expect(events.map((e) => [e.source, e.fromStatus, e.toStatus])).toEqual([["create", null, "PENDING"]]);
    // A login code is good once.
    await expect(createPayment(t.db, deps, { merchantId: merchantA, idempotencyKey: randomUUID(), body: body({ js_code: code }) })).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("answers 20 concurrent identical requests with one payment and one provider create; another body is a 409", async () => {
    const key = randomUUID();
    const request = body({ openid: "oqZa55Qo-u0cVViWMAgv_YbyXb4U" });
    const before = provider.count("/payment_intents/create");
    const results = await Promise.all(Array.from({ length: 20 }, () => createPayment(t.db, deps, { merchantId: merchantA, idempotencyKey: key, body: request })));
    expect(new Set(results.map((r) => r.payment.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(provider.count("/payment_intents/create") - before).toBe(1);
    expect(await t.db.$count(payments, and(eq(payments.merchantId, merchantA), eq(payments.merchantOrderId, request.merchant_order_id)))).toBe(1);
    // "12.5" is the same amount as "12.50": the same request.
    const again = await createPayment(t.db, deps, { merchantId: merchantA, idempotencyKey: key, body: { ...request, amount: "12.5" } });
    expect(again).toMatchObject({ replayed: true, payment: { id: results[0]!.payment.id } });
    await expect(createPayment(t.db, deps, { merchantId: merchantA, idempotencyKey: key, body: { ...request, amount: "13.00" } })).rejects.toMatchObject({ code: "conflict" });
    // The same key of another merchant is another request.
    const other = await createPayment(t.db, deps, { merchantId: merchantB, idempotencyKey: key, body: request });
    expect(other.payment.id).not.toBe(results[0]!.payment.id);
  });

  it("settles a payment from the seed-shaped signed notification and the query", async () => {
    const { payment } = await createPayment(t.db, deps, { merchantId: merchantA, idempotencyKey: randomUUID(), body: body({ openid: "o-settle" }) });
    const { notified } = await settleSandboxPayment(t.db, testKeyRing, { orderId: payment.order_id, status: "SUCCEEDED" });
    expect(notified).toBe(200);
    await drain();
    expect(await statusOf(payment.id)).toBe("SUCCEEDED");
    const detail = await getApiPayment(t.db, { merchantId: merchantA, id: payment.id });
    expect(detail).toMatchObject({ status: "SUCCEEDED", next_action: null });
    expect(detail.paid_at).not.toBeNull();
    const events = await t.db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, payment.id)).orderBy(paymentEvents.createdAt);
    expect(events.map((e) => [e.source, e.toStatus])).toEqual([["create", "PENDING"], ["notification", "SUCCEEDED"]]);
  });

  it("settles a PENDING payment without a notification by polling, retrying the query through 429 and 503", async () => {
    const { payment } = await createPayment(t.db, deps, { merchantId: merchantA, idempotencyKey: randomUUID(), body: body({ openid: "o-poll" }) });
    const options = { settlementDelayHours: 0, pendingTimeoutMinutes: 120 };
    await onlyThisOnePolled(payment.id);
    // Not due yet: nothing is asked.
    expect((await pollPendingPayments(t.db, provider.provider, options)).queried).toBe(0);
    // The shopper pays; the notification is lost (the sandbox row changes, nothing is sent).
    await t.db.update(sandboxPayments).set({ status: "SUCCEEDED", payTime: new Date() }).where(eq(sandboxPayments.orderId, payment.order_id));
    const queriesBefore = provider.count("/payment_intents/query");
    provider.failNext("/payment_intents/query", 429, 503);
    const result = await pollPendingPayments(t.db, provider.provider, { ...options, now: new Date(Date.now() + 15_000) });
    expect(result).toMatchObject({ settled: 1, failed: 0 });
    expect(provider.count("/payment_intents/query") - queriesBefore).toBe(3);
    expect(await statusOf(payment.id)).toBe("SUCCEEDED");
    const [row] = await t.db.select().from(payments).where(eq(payments.id, payment.id));
    expect(row!.nextQueryAt).toBeNull();
    const events = await t.db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, payment.id));
    expect(events.map((e) => e.source).sort()).toEqual(["create", "poll"]);
  });

  it("keeps polling after transient failures and stops after the provider's timeout", async () => {
    const { payment } = await createPayment(t.db, deps, { merchantId: merchantA, idempotencyKey: randomUUID(), body: body({ openid: "o-timeout" }) });
    const options = { settlementDelayHours: 0, pendingTimeoutMinutes: 120 };
    await onlyThisOnePolled(payment.id);
    provider.failNext("/payment_intents/query", 503, 503, 503, 503);
    const first = await pollPendingPayments(t.db, provider.provider, { ...options, now: new Date(Date.now() + 15_000) });
    expect(first.failed).toBe(1);
    const [after] = await t.db.select().from(payments).where(eq(payments.id, payment.id));
    expect(after!.status).toBe("PENDING");
    expect(after!.nextQueryAt).not.toBeNull();
    // Past the timeout: one more query, then no more.
    const late = new Date(Date.now() + 125 * 60_000);
    await pollPendingPayments(t.db, provider.provider, { ...options, now: late });
    const [final] = await t.db.select().from(payments).where(eq(payments.id, payment.id));
    expect(final!.nextQueryAt).toBeNull();
  });

  it("delivers signed webhook events, retries a failure, records every attempt, and resends with the same event id", async () => {
    const received: { body: string; signature: string; status: number }[] = [];
    const answers = [500, 200, 200];
    const server: Server = createServer((req, res) => {
      let text = "";
      req.on("data", (c) => (text += c));
      req.on("end", () => {
        const status = answers.shift() ?? 200;
        received.push({ body: text, signature: String(req.headers["console-signature"]), status });
        res.writeHead(status).end(status === 200 ? "ok" : "boom");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const url = `http://localhost:${(server.address() as AddressInfo).port}/hook`;
      const endpoint = await createWebhookEndpoint(t.db, testKeyRing, { merchantId: merchantB, url, allowHttpLocalhost: true });
      const { payment } = await createPayment(t.db, deps, { merchantId: merchantB, idempotencyKey: randomUUID(), body: body({ openid: "o-hook" }) });
      const deliver = () => deliverDueWebhooks(t.db, testKeyRing, { allowHttpLocalhost: true, onlyEventId: undefined });
      expect(await deliver()).toMatchObject({ attempted: 1, succeeded: 0 });
      // Retried later with backoff; made due a second ago (not the database's now(): its microseconds can be later than the claim's millisecond clock).
      await t.db.update(webhookDeliveries).set({ nextAttemptAt: new Date(Date.now() - 1_000) }).where(eq(webhookDeliveries.endpointId, endpoint.id));
      expect(await deliver()).toMatchObject({ attempted: 1, succeeded: 1 });
      expect(received).toHaveLength(2);
      const now = Math.floor(Date.now() / 1000);
      for (const r of received) expect(verifyWebhook(endpoint.secret, r.body, r.signature, now)).toBe(true);
      expect(verifyWebhook("whsec_other", received[0]!.body, received[0]!.signature, now)).toBe(false);
      const event = JSON.parse(received[0]!.body);
      expect(event).toMatchObject({ type: "payment.pending", data: { payment: { id: payment.id, status: "PENDING", amount: "12.50" } } });
      expect(JSON.parse(received[1]!.body).id).toBe(event.id);

      const [logged] = await listWebhookEndpoints(t.db, { merchantId: merchantB });
      const delivery = logged!.deliveries.find((d) => d.eventId === event.id)!;
      expect(delivery).toMatchObject({ status: "succeeded", attempts: 2 });
      expect(delivery.log.map((a) => a.httpStatus).sort()).toEqual([200, 500]);
      expect(delivery.log.find((a) => a.httpStatus === 500)!.excerpt).toBe("boom");
      // Merchant A sees none of B's log.
      expect(await listWebhookEndpoints(t.db, { merchantId: merchantA })).toEqual([]);
      await expect(resendDelivery(t.db, { merchantId: merchantA, deliveryId: delivery.id })).rejects.toMatchObject({ code: "not_found" });

      await resendDelivery(t.db, { merchantId: merchantB, deliveryId: delivery.id });
      await deliver();
      expect(JSON.parse(received[2]!.body).id).toBe(event.id);
      expect(await t.db.$count(webhookAttempts, eq(webhookAttempts.merchantId, merchantB))).toBe(3);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it("refuses endpoints that are not https or point into private, loopback, link-local or metadata addresses", async () => {
    for (const url of ["http://example.com/hook", "https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://169.254.169.254/latest/meta-data", "https://[::1]/hook", "https://[fd00:ec2::254]/", "https://192.168.1.1/", "https://user:pw@example.com/", "http://localhost:9/hook"]) {
      await expect(assertPublicEndpoint(url, false), url).rejects.toBeInstanceOf(AppError);
    }
    await expect(assertPublicEndpoint("https://93.184.215.14/hook", false)).resolves.toBeInstanceOf(URL);
    await expect(assertPublicEndpoint("http://localhost:9/hook", true)).resolves.toBeInstanceOf(URL);
  });

  it("authenticates API keys per merchant: B's key never sees A's payments, a revoked key is refused", async () => {
    const { payment } = await createPayment(t.db, deps, { merchantId: merchantA, idempotencyKey: randomUUID(), body: body({ openid: "o-tenant" }) });
    const a = await createApiKey(t.db, { merchantId: merchantA, name: "A back end" });
    const b = await createApiKeyForAppid(t.db, { appid: APPID_B, name: "B back end" });
    expect(b.key).toMatch(/^wxpc_[A-Za-z0-9_-]{43}$/);
    const callerA = await authenticateApiKey(t.db, `Bearer ${a.key}`);
    const callerB = await authenticateApiKey(t.db, `Bearer ${b.key}`);
    expect([callerA.merchantId, callerB.merchantId]).toEqual([merchantA, merchantB]);
    await expect(getApiPayment(t.db, { merchantId: callerB.merchantId, id: payment.id })).rejects.toMatchObject({ code: "not_found" });
    const listB = await listApiPayments(t.db, { merchantId: callerB.merchantId, merchantOrderId: payment.merchant_order_id, limit: 20 });
    expect(listB.data).toEqual([]);
    const listA = await listApiPayments(t.db, { merchantId: callerA.merchantId, merchantOrderId: payment.merchant_order_id, limit: 20 });
    expect(listA.data.map((p) => p.id)).toEqual([payment.id]);
    // Keyset pages: two at a time, no repeats, newest first.
    const page1 = await listApiPayments(t.db, { merchantId: merchantA, limit: 2 });
    const page2 = await listApiPayments(t.db, { merchantId: merchantA, limit: 2, startingAfter: page1.next_cursor! });
    expect(page1.data).toHaveLength(2);
    expect(page2.data.some((p) => page1.data.some((q) => q.id === p.id))).toBe(false);
    await revokeApiKey(t.db, { merchantId: merchantA, id: a.id });
    await expect(authenticateApiKey(t.db, `Bearer ${a.key}`)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(authenticateApiKey(t.db, "Bearer wxpc_nope")).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(revokeApiKey(t.db, { merchantId: merchantA, id: b.id })).rejects.toMatchObject({ code: "not_found" });
  });

  it("limits each API key's requests per minute", async () => {
    const { key } = await createApiKey(t.db, { merchantId: merchantB, name: "busy" });
    const now = new Date();
    for (let i = 0; i < 120; i++) await authenticateApiKey(t.db, `Bearer ${key}`, now);
    await expect(authenticateApiKey(t.db, `Bearer ${key}`, now)).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("the provider sandbox requires its step-0 token and keeps its signing key sealed", async () => {
    const answer = await fetch(`${provider.url}/sandbox/provider/mch-api/v1/pa/payment_intents/query`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ order_id: "C1" }) });
    expect(answer.status).toBe(401);
    expect(Object.keys(await answer.json()).sort()).toEqual(["code", "message", "rid"]);
    const token = await fetch(`${provider.url}/sandbox/provider/oauth/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=client_credentials&client_id=test-client&client_secret=wrong" });
    expect(token.status).toBe(401);
    const rows = await t.db.select().from(providerSandboxKeys);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(JSON.stringify(row)).not.toContain("PRIVATE KEY");
  });
});
