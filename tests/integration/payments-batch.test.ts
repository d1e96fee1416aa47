import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerEntries, merchants, paymentEvents, paymentNotifications, payments, sandboxPayments, webhookDeliveries, webhookEndpoints, webhookEvents } from "@/db/schema";
import { applyProviderPayments } from "@/lib/payments/apply-payment";
import { drainDueNotifications, processDueNotifications } from "@/lib/payments/notifications";
import { ProviderError, type ProviderPayment } from "@/lib/payments/provider";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";
import { startProviderSandbox, type ProviderSandbox } from "../helpers/payments";

// The background processing applies many provider answers in one transaction: each one must come
// out exactly as if it had been applied alone.
describe.each(testEngines)("provider answers applied together on %s", (engine) => {
  let t: TestDb;
  let sandbox: ProviderSandbox;
  const merchantA = randomUUID();
  const merchantB = randomUUID();
  let n = 0;

  beforeAll(async () => {
    t = await createTestDb(engine);
    const miniProgram = { subject_name: "测试商户", nickname: "n", appid: "wx0", license_number: "1" };
    await t.db.insert(merchants).values([{ id: merchantA, name: "A", miniProgram, feeRateBps: 60 }, { id: merchantB, name: "B", miniProgram, feeRateBps: 0 }]);
    // Merchant A has two live endpoints and a deleted one; B has none.
    await t.db.insert(webhookEndpoints).values([
      { merchantId: merchantA, url: "https://a.example/1", secretSealed: "x" },
      { merchantId: merchantA, url: "https://a.example/2", secretSealed: "x" },
      { merchantId: merchantA, url: "https://a.example/3", secretSealed: "x", deletedAt: new Date() },
    ]);
    sandbox = await startProviderSandbox(t.db);
  });
  afterAll(async () => {
    await sandbox?.close();
    await t?.destroy();
  });

  /** A payment the console created, PENDING, and the provider's report of it. */
  async function pending(merchantId: string, amount = "10.00") {
    const orderId = `B${Date.now()}${n++}`;
    const createdAt = new Date(Date.now() - 60_000);
    await t.db.insert(payments).values({ merchantId, orderId, merchantOrderId: `M${orderId}`, amountMinor: 0, currency: "CNY", status: "PENDING", createdAt, nextQueryAt: new Date() });
    const report = (status: ProviderPayment["status"], extra: Partial<ProviderPayment> = {}): ProviderPayment => ({
      order_id: orderId, merchant_order_id: `M${orderId}`, amount, currency: "CNY", status, create_time: createdAt.toISOString(), pay_time: status === "SUCCEEDED" ? new Date().toISOString() : null, ...extra,
    });
    return { orderId, report };
  }
  const paymentOf = async (orderId: string) => (await t.db.select().from(payments).where(eq(payments.orderId, orderId)))[0]!;

  it("gives every report its own outcome: moves, stays, stale and repeated reports, refusals", async () => {
    const paidA = await pending(merchantA, "10.00");
    const paidB = await pending(merchantB, "20.00");
    const cancelled = await pending(merchantA);
    const still = await pending(merchantA);
    const twice = await pending(merchantA, "5.00");
    const late = await pending(merchantB);
    await applyProviderPayments(t.db, [late.report("SUCCEEDED")], { source: "notification", settlementDelayHours: 0 });

    const outcomes = await applyProviderPayments(t.db, [
      paidA.report("SUCCEEDED"),
      paidB.report("SUCCEEDED"),
      cancelled.report("CANCELLED"),
      still.report("PENDING"),
      twice.report("PENDING"),
      twice.report("SUCCEEDED"),
      twice.report("SUCCEEDED"),
      late.report("PENDING"),
      { ...paidA.report("SUCCEEDED"), order_id: "NOT-OURS" },
      still.report("SUCCEEDED", { order_id: "ALSO-NOT", amount: "1.234" }),
    ], { source: "notification", settlementDelayHours: 0 });

    expect(outcomes.slice(0, 8)).toEqual([
      expect.objectContaining({ from: "PENDING", to: "SUCCEEDED", ignored: false }),
      expect.objectContaining({ from: "PENDING", to: "SUCCEEDED", ignored: false }),
      expect.objectContaining({ from: "PENDING", to: "CANCELLED", ignored: false }),
      expect.objectContaining({ from: "PENDING", to: "PENDING", ignored: false }),
      expect.objectContaining({ from: "PENDING", to: "PENDING", ignored: false }),
      expect.objectContaining({ from: "PENDING", to: "SUCCEEDED", ignored: false }),
      expect.objectContaining({ from: "SUCCEEDED", to: "SUCCEEDED", ignored: false }),
      expect.objectContaining({ from: "SUCCEEDED", to: "SUCCEEDED", ignored: true }),
    ]);
    expect(outcomes[8]).toBeInstanceOf(ProviderError);
    expect((outcomes[8] as ProviderError).message).toMatch(/did not create/);
    expect(outcomes[9]).toBeInstanceOf(ProviderError);
    expect((outcomes[9] as ProviderError).message).toMatch(/Unusable amount/);

    expect(await paymentOf(paidA.orderId)).toMatchObject({ status: "SUCCEEDED", amountMinor: 1000, feeMinor: 6, nextQueryAt: null });
    expect(await paymentOf(paidB.orderId)).toMatchObject({ status: "SUCCEEDED", amountMinor: 2000, feeMinor: 0 });
    expect(await paymentOf(cancelled.orderId)).toMatchObject({ status: "CANCELLED", nextQueryAt: null });
    expect((await paymentOf(still.orderId)).nextQueryAt).not.toBeNull();
    expect(await paymentOf(twice.orderId)).toMatchObject({ status: "SUCCEEDED", amountMinor: 500, feeMinor: 3 });

    // Events: a move each, no event for a stay, a stale report noted.
    const events = async (orderId: string) =>
      (await t.db.select({ from: paymentEvents.fromStatus, to: paymentEvents.toStatus, note: paymentEvents.note }).from(paymentEvents).innerJoin(payments, eq(payments.id, paymentEvents.paymentId)).where(eq(payments.orderId, orderId)).orderBy(paymentEvents.createdAt, paymentEvents.id));
    expect(await events(paidA.orderId)).toEqual([{ from: "PENDING", to: "SUCCEEDED", note: null }]);
    expect(await events(still.orderId)).toEqual([]);
    expect(await events(twice.orderId)).toEqual([{ from: "PENDING", to: "SUCCEEDED", note: null }]);
    expect((await events(late.orderId)).at(-1)).toEqual({ from: "SUCCEEDED", to: "SUCCEEDED", note: "stale_report:PENDING" });

    // Ledger: one credit (and fee, where there is one) per success, whatever the repeats.
    const ledger = async (orderId: string) =>
      (await t.db.select({ kind: ledgerEntries.kind, amount: ledgerEntries.amountMinor }).from(ledgerEntries).innerJoin(payments, eq(payments.id, ledgerEntries.paymentId)).where(eq(payments.orderId, orderId)).orderBy(ledgerEntries.kind));
    expect(await ledger(paidA.orderId)).toEqual([{ kind: "fee", amount: -6 }, { kind: "payment", amount: 1000 }]);
    expect(await ledger(paidB.orderId)).toEqual([{ kind: "payment", amount: 2000 }]);
    expect(await ledger(twice.orderId)).toEqual([{ kind: "fee", amount: -3 }, { kind: "payment", amount: 500 }]);
    expect(await ledger(cancelled.orderId)).toEqual([]);

    // The outbox: an event per change of status, delivered to each live endpoint of its merchant.
    const outbox = async (orderId: string) => {
      const { id } = await paymentOf(orderId);
      const rows = await t.db.select({ id: webhookEvents.id, type: webhookEvents.type, payload: webhookEvents.payload }).from(webhookEvents).where(eq(webhookEvents.paymentId, id));
      const deliveries = rows.length ? await t.db.select({ n: sql<number>`count(*)::int` }).from(webhookDeliveries).where(inArray(webhookDeliveries.eventId, rows.map((r) => r.id))) : [{ n: 0 }];
      return { types: rows.map((r) => r.type), deliveries: deliveries[0]!.n, payload: rows[0]?.payload };
    };
    expect(await outbox(paidA.orderId)).toMatchObject({ types: ["payment.succeeded"], deliveries: 2, payload: { data: { payment: { order_id: paidA.orderId, status: "SUCCEEDED", amount: "10.00" } } } });
    expect(await outbox(paidB.orderId)).toMatchObject({ types: ["payment.succeeded"], deliveries: 0 });
    expect(await outbox(cancelled.orderId)).toMatchObject({ types: ["payment.cancelled"], deliveries: 2 });
    expect(await outbox(still.orderId)).toMatchObject({ types: [], deliveries: 0 });
    expect(await outbox(twice.orderId)).toMatchObject({ types: ["payment.succeeded"], deliveries: 2 });
  });

  it("drains a backlog in batches until none is due, in one run", async () => {
    const orders = [];
    for (let i = 0; i < 23; i++) orders.push(await pending(i % 2 ? merchantA : merchantB));
    await t.db.insert(sandboxPayments).values(orders.map((p) => ({ orderId: p.orderId, merchantOrderId: `M${p.orderId}`, subAppid: "wx0", subOpenid: "o1", amount: "10.00", currency: "CNY", status: "SUCCEEDED", description: "d", createTime: new Date(), payTime: new Date() })));
    await t.db.insert(paymentNotifications).values(orders.map((p) => ({ dedupeKey: `d-${p.orderId}`, nonce: "n", notifyType: "payment_success", orderId: p.orderId, merchantOrderId: `M${p.orderId}` })));
    expect(await drainDueNotifications(t.db, sandbox.provider, { settlementDelayHours: 0, limit: 5 })).toEqual({ processed: 23, failed: 0 });
    const statuses = await t.db.select({ status: payments.status }).from(payments).where(inArray(payments.orderId, orders.map((o) => o.orderId)));
    expect(statuses.every((s) => s.status === "SUCCEEDED")).toBe(true);
  });

  it("applies notifications one by one when their batch fails, so one bad answer holds up no other", async () => {
    const good = [await pending(merchantA), await pending(merchantA)];
    const poison = await pending(merchantA);
    for (const p of [...good, poison]) {
      await t.db.insert(sandboxPayments).values({ orderId: p.orderId, merchantOrderId: `M${p.orderId}`, subAppid: "wx0", subOpenid: "o1", amount: "10.00", currency: "CNY", status: "SUCCEEDED", description: "d", createTime: new Date(), payTime: new Date() });
      await t.db.insert(paymentNotifications).values({ dedupeKey: `k-${p.orderId}`, nonce: "n", notifyType: "payment_success", orderId: p.orderId, merchantOrderId: `M${p.orderId}` });
    }
    // A database refusal that only this payment meets (the kind of failure no report check can foresee).
    await t.db.execute(sql.raw(`create function refuse_poison() returns trigger language plpgsql as $$
      begin if new.order_id = '${poison.orderId}' and new.status = 'SUCCEEDED' then raise exception 'poisoned row'; end if; return new; end $$`));
    await t.db.execute(sql`create trigger refuse_poison before update on payments for each row execute function refuse_poison()`);
    try {
      const result = await processDueNotifications(t.db, sandbox.provider, { settlementDelayHours: 0 });
      expect(result).toEqual({ processed: 2, failed: 1 });
    } finally {
      await t.db.execute(sql`drop trigger refuse_poison on payments`);
      await t.db.execute(sql`drop function refuse_poison()`);
    }
    for (const g of good) expect((await paymentOf(g.orderId)).status).toBe("SUCCEEDED");
    expect((await paymentOf(poison.orderId)).status).toBe("PENDING");
    const [left] = await t.db.select().from(paymentNotifications).where(and(eq(paymentNotifications.orderId, poison.orderId)));
    // Not permanent: kept for a later attempt, with the database's reason.
    expect(left).toMatchObject({ processedAt: null, lastError: expect.stringMatching(/poisoned row/) });
  });
});
