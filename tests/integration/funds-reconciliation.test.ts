import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { payments, wechatBalanceChecks, wechatFundsFlows } from "@/db/schema";
import { chinaDay, importFundsFlowDay, importFundsFlows } from "@/lib/funds/flows-import";
import { checkBalance, differingBalances, lastBalanceCheck } from "@/lib/funds/balance-check";
import { findDifferences, reconciliationRecord, reconciliationRangeSchema } from "@/lib/funds/reconciliation";
import { applyProviderPayment } from "@/lib/payments/apply-payment";
import { requestWithdrawal } from "@/lib/funds/withdrawals";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";
import { counting, gatewayFor, sandboxFor, seedMerchantWithFunds } from "../helpers/funds";

describe.each(testEngines)("funds flow import and reconciliation on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.destroy());

  it("imports every flow once, fetching details a few at a time, and finds nothing to report when both sides agree", async () => {
    const sandbox = sandboxFor(t.db);
    const m = await seedMerchantWithFunds(t.db, sandbox, "10");
    const today = chinaDay(new Date());
    for (let i = 0; i < 7; i++) await sandbox.bookOrder(m.appid, { requestNo: `X${i}${randomUUID().slice(0, 8)}`, amount: 100 + i, fee: 0, at: new Date(Date.now() - 30_000), settlesAt: new Date() });
    const wire = counting(sandbox.transport(m.appid));
    const gateway = gatewayFor(wire.transport);
    expect(await importFundsFlowDay(t.db, gateway, { merchantId: m.id, day: today, pageSize: 3, concurrency: 2 })).toEqual({ listed: 8, stored: 8 });
    expect(wire.calls["/shop/funds/scanorderflow"]).toBe(3);
    expect(wire.calls["/shop/funds/getorderflow"]).toBe(8);
    // Again: listed again, no detail fetched twice, nothing stored twice.
    expect(await importFundsFlowDay(t.db, gateway, { merchantId: m.id, day: today, pageSize: 3 })).toEqual({ listed: 8, stored: 0 });
    expect(wire.calls["/shop/funds/getorderflow"]).toBe(8);
    expect(await t.db.$count(wechatFundsFlows, eq(wechatFundsFlows.merchantId, m.id))).toBe(8);
    const differences = await findDifferences(t.db, { from: today, to: today, merchantId: m.id });
    // The seven extra orders exist only at WeChat; the seeded payment matches.
    expect(differences.map((d) => d.kind)).toEqual(Array(7).fill("wechat_only"));
  });

  it("shows a payment WeChat does not have, an amount that differs, and a withdrawal on both sides", async () => {
    const sandbox = sandboxFor(t.db);
    const m = await seedMerchantWithFunds(t.db, sandbox, "50");
    const gateway = gatewayFor(sandbox.transport(m.appid));
    const paidAt = new Date(Date.now() - 10_000);
    // Planted: a payment the console has and WeChat never booked.
    const missing = `C${randomUUID().replaceAll("-", "").slice(0, 20)}`;
    await applyProviderPayment(t.db, { order_id: missing, merchant_order_id: `M${missing}`, amount: "3.21", currency: "CNY", status: "SUCCEEDED", create_time: paidAt.toISOString(), pay_time: paidAt.toISOString() }, { source: "notification", settlementDelayHours: 0, merchantId: m.id });
    // Planted: WeChat booked a different amount for this one.
    const differs = `C${randomUUID().replaceAll("-", "").slice(0, 20)}`;
    await applyProviderPayment(t.db, { order_id: differs, merchant_order_id: `M${differs}`, amount: "5", currency: "CNY", status: "SUCCEEDED", create_time: paidAt.toISOString(), pay_time: paidAt.toISOString() }, { source: "notification", settlementDelayHours: 0, merchantId: m.id });
    await sandbox.bookOrder(m.appid, { requestNo: differs, amount: 499, fee: 0, at: paidAt, settlesAt: paidAt });
    const { withdrawal } = await requestWithdrawal(t.db, { gateway }, { merchantId: m.id, request: { amount: "2", currency: "CNY", idempotency_key: randomUUID() }, maskAccount: () => "x" });
    await sandbox.scan(m.appid, withdrawal.qrcodeTicket!, "confirmed");
    const { followWithdrawal } = await import("@/lib/funds/withdrawals");
    await followWithdrawal(t.db, { gateway }, withdrawal);

    const today = chinaDay(new Date());
    expect(await importFundsFlows(t.db, async () => gateway, { days: [today] })).toBeGreaterThanOrEqual(1);
    const differences = await findDifferences(t.db, { from: today, to: today, merchantId: m.id });
    const [missingPayment] = await t.db.select().from(payments).where(eq(payments.orderId, missing));
    expect(differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "console_only", record: "payment", recordId: missingPayment!.id, reference: missing, consoleMinor: 321, wechatMinor: null }),
        expect.objectContaining({ kind: "amount_differs", record: "payment", reference: differs, consoleMinor: 500, wechatMinor: 499 }),
      ]),
    );
    expect(differences).toHaveLength(2);
  });

  it("compares nothing for days whose flow was not imported", async () => {
    const sandbox = sandboxFor(t.db);
    const m = await seedMerchantWithFunds(t.db, sandbox, "1");
    expect(await findDifferences(t.db, { from: "2026-01-01", to: "2026-01-31", merchantId: m.id })).toEqual([]);
  });

  it("links each difference to its record with the other side's counterpart", async () => {
    const sandbox = sandboxFor(t.db);
    const m = await seedMerchantWithFunds(t.db, sandbox, "20");
    const gateway = gatewayFor(sandbox.transport(m.appid));
    const paidAt = new Date(Date.now() - 10_000);
    const differs = `C${randomUUID().replaceAll("-", "").slice(0, 20)}`;
    await applyProviderPayment(t.db, { order_id: differs, merchant_order_id: `M${differs}`, amount: "7", currency: "CNY", status: "SUCCEEDED", create_time: paidAt.toISOString(), pay_time: paidAt.toISOString() }, { source: "notification", settlementDelayHours: 0, merchantId: m.id });
    await sandbox.bookOrder(m.appid, { requestNo: differs, amount: 650, fee: 0, at: paidAt, settlesAt: paidAt });
    const stranger = `X${randomUUID().slice(0, 8)}`;
    await sandbox.bookOrder(m.appid, { requestNo: stranger, amount: 42, fee: 0, at: paidAt, settlesAt: paidAt });
    const today = chinaDay(new Date());
    await importFundsFlowDay(t.db, gateway, { merchantId: m.id, day: today });
    const differences = await findDifferences(t.db, { from: today, to: today, merchantId: m.id });

    const amount = differences.find((d) => d.kind === "amount_differs")!;
    const paymentRecord = await reconciliationRecord(t.db, { record: amount.record, id: amount.recordId });
    expect(paymentRecord).toMatchObject({ merchantId: m.id, payments: [expect.objectContaining({ orderId: differs, amountMinor: 700 })], flows: [expect.objectContaining({ requestNo: differs, amountMinor: 650 })] });

    const wechatOnly = differences.find((d) => d.kind === "wechat_only")!;
    expect(wechatOnly).toMatchObject({ record: "flow", reference: stranger, wechatMinor: 42 });
    const flowRecord = await reconciliationRecord(t.db, { record: "flow", id: wechatOnly.recordId });
    expect(flowRecord).toMatchObject({ payments: [], withdrawals: [], flows: [expect.objectContaining({ requestNo: stranger })] });
    expect(await reconciliationRecord(t.db, { record: "payment", id: randomUUID() })).toBeNull();
  });

  it("keeps WeChat's balance beside the ledger at each reading, and lists the merchants where they differ", async () => {
    const sandbox = sandboxFor(t.db);
    const m = await seedMerchantWithFunds(t.db, sandbox, "30");
    const gateway = gatewayFor(sandbox.transport(m.appid));
    expect(await lastBalanceCheck(t.db, m.id)).toBeNull();
    expect(await checkBalance(t.db, gateway, m.id)).toMatchObject({ wechatAvailableMinor: 3000, ledgerAvailableMinor: 3000, differenceMinor: 0 });
    expect(await differingBalances(t.db, { merchantId: m.id })).toEqual([]);

    // WeChat books an order the console never heard of: WeChat now holds more than the ledger.
    await sandbox.bookOrder(m.appid, { requestNo: `X${randomUUID().slice(0, 8)}`, amount: 250, fee: 0, at: new Date(), settlesAt: new Date() });
    expect(await checkBalance(t.db, gateway, m.id)).toMatchObject({ wechatAvailableMinor: 3250, differenceMinor: -250 });
    expect((await differingBalances(t.db)).map((r) => [r.check.merchantId, r.check.differenceMinor])).toContainEqual([m.id, -250]);
    expect(await t.db.$count(wechatBalanceChecks, eq(wechatBalanceChecks.merchantId, m.id))).toBe(1);
  });

  it("validates the page's range: real dates, from before to, at most 31 days, a merchant id", () => {
    expect(reconciliationRangeSchema.safeParse({ from: "2026-11-01", to: "2026-11-30" }).success).toBe(true);
    expect(reconciliationRangeSchema.safeParse({ from: "2026-13-45", to: "2026-11-30" }).success).toBe(false);
    expect(reconciliationRangeSchema.safeParse({ from: "2026-11-30", to: "2026-11-01" }).error?.issues[0]?.message).toBe("funds.reconciliation.range");
    expect(reconciliationRangeSchema.safeParse({ from: "2026-01-01", to: "2026-03-01" }).success).toBe(false);
    expect(reconciliationRangeSchema.safeParse({ from: "2026-11-01", to: "2026-11-02", merchantId: "not-a-merchant" }).success).toBe(false);
  });
});
