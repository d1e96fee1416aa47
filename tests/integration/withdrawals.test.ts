import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerEntries, merchants, settlementAccounts, withdrawalEvents, withdrawals } from "@/db/schema";
import { sealString, type KeyRing } from "@/lib/crypto/at-rest";
import { advanceDueWithdrawals } from "@/lib/funds/advance-withdrawals";
import { getBalances } from "@/lib/ledger/balance";
import { requestWithdrawal } from "@/lib/funds/request-withdrawal";
import { applyProviderPayment } from "@/lib/payments/apply-payment";
import { isAppError } from "@/lib/errors";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";

const ring: KeyRing = { keys: new Map([["t1", randomBytes(32)]]), activeKeyId: "t1" };

describe.each(testEngines)("balance and withdrawals on %s", (engine) => {
  let t: TestDb;
  let n = 0;

  async function merchantWithBalance(amount: string, currency = "CNY") {
    const id = randomUUID();
    await t.db.insert(merchants).values({ id, name: `m${n++}`, miniProgram: { subject_name: "s", nickname: "n", appid: "wx0", license_number: "1" }, feeRateBps: 0 });
    await t.db.insert(settlementAccounts).values({
      merchantId: id, bankAccountType: "BANK_ACCOUNT_TYPE_CORPORATE", accountBank: "工商银行", bankAddressCode: "110000",
      accountNameSealed: sealString(ring, "测试公司"), accountNumberSealed: sealString(ring, "6222020200001234"),
    });
    await applyProviderPayment(
      t.db,
      { order_id: `C${randomUUID().slice(0, 20)}`, merchant_order_id: `M${n}`, amount, currency, status: "SUCCEEDED", create_time: new Date(Date.now() - 60_000).toISOString(), pay_time: new Date(Date.now() - 60_000).toISOString() },
      { source: "notification", settlementDelayHours: 0, merchantId: id },
    );
    return id;
  }

  const withdraw = (merchantId: string, amount: string, key = randomUUID(), currency = "CNY") =>
    requestWithdrawal(t.db, { merchantId, request: { amount, currency, idempotency_key: key }, firstCheckSeconds: 0, maskAccount: () => "6222********1234" });

  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.destroy());

  it("shows fees at the merchant's rate, and pending until settlement", async () => {
    const id = randomUUID();
    await t.db.insert(merchants).values({ id, name: "fee", miniProgram: { subject_name: "s", nickname: "n", appid: "wx0", license_number: "1" }, feeRateBps: 60 });
    await applyProviderPayment(
      t.db,
      { order_id: `C${randomUUID().slice(0, 20)}`, merchant_order_id: "F1", amount: "250", currency: "CNY", status: "SUCCEEDED", create_time: new Date().toISOString(), pay_time: new Date().toISOString() },
      { source: "notification", settlementDelayHours: 24, merchantId: id },
    );
    expect(await getBalances(t.db, { merchantId: id })).toEqual([{ currency: "CNY", available: 0, pending: 25000 - 150, fees: 150, withdrawn: 0 }]);
    const tomorrow = new Date(Date.now() + 25 * 3_600_000);
    expect(await getBalances(t.db, { merchantId: id, now: tomorrow })).toMatchObject([{ available: 24850, pending: 0 }]);
  });

  it("never overdraws under 50 concurrent withdrawals against a small balance", async () => {
    const id = await merchantWithBalance("10");
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => withdraw(id, "1")));
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) expect(isAppError(r.reason) && r.reason.fields?.amount).toBe("funds.validation.amountOverBalance");
    expect(await getBalances(t.db, { merchantId: id })).toMatchObject([{ available: 0 }]);
    expect(await t.db.$count(withdrawals, eq(withdrawals.merchantId, id))).toBe(10);
  });

  it("refuses zero, negative, malformed and over-balance amounts", async () => {
    const id = await merchantWithBalance("5");
    for (const amount of ["0", "-1", "1.234", "abc", "0.00"]) await expect(withdraw(id, amount)).rejects.toThrow();
    await expect(withdraw(id, "5.01")).rejects.toMatchObject({ code: "validation_failed" });
    await expect(withdraw(id, "5", undefined, "HKD")).rejects.toMatchObject({ code: "validation_failed" });
    expect((await withdraw(id, "5")).created).toBe(true);
  });

  it("makes a retried request one withdrawal", async () => {
    const id = await merchantWithBalance("10");
    const key = randomUUID();
    const [a, b, c] = await Promise.all([withdraw(id, "3", key), withdraw(id, "3", key), withdraw(id, "3", key)]);
    expect(new Set([a.withdrawal.id, b.withdrawal.id, c.withdrawal.id]).size).toBe(1);
    expect([a, b, c].filter((r) => r.created)).toHaveLength(1);
    await expect(withdraw(id, "4", key)).rejects.toMatchObject({ code: "conflict" });
    expect(await getBalances(t.db, { merchantId: id })).toMatchObject([{ available: 700 }]);
  });

  it("gives the money back, visibly, when the bank returns a withdrawal after success", async () => {
    const id = await merchantWithBalance("10");
    const { withdrawal } = await withdraw(id, "2.14");
    expect((await getBalances(t.db, { merchantId: id }))[0]!.available).toBe(786);
    await advanceDueWithdrawals(t.db, { merchantId: id, stepSeconds: 0 });
    expect((await t.db.select().from(withdrawals).where(eq(withdrawals.id, withdrawal.id)))[0]!.status).toBe("succeeded");
    expect((await getBalances(t.db, { merchantId: id }))[0]!.available).toBe(786);
    await advanceDueWithdrawals(t.db, { merchantId: id, stepSeconds: 0 });
    const [after] = await t.db.select().from(withdrawals).where(eq(withdrawals.id, withdrawal.id));
    expect(after).toMatchObject({ status: "returned", reason: "account_closed", nextCheckAt: null });
    expect((await getBalances(t.db, { merchantId: id }))[0]!.available).toBe(1000);
    const events = await t.db.select().from(withdrawalEvents).where(eq(withdrawalEvents.withdrawalId, withdrawal.id)).orderBy(withdrawalEvents.createdAt);
    expect(events.map((e) => e.toStatus)).toEqual(["created", "succeeded", "returned"]);
    const movements = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.withdrawalId, withdrawal.id));
    expect(movements.map((m) => [m.kind, m.amountMinor]).sort()).toEqual([["withdrawal", -214], ["withdrawal_reversal", 214]]);
    // A further pass changes nothing: the return is booked once.
    await advanceDueWithdrawals(t.db, { merchantId: id, stepSeconds: 0 });
    expect((await getBalances(t.db, { merchantId: id }))[0]!.available).toBe(1000);
  });

  it("restores the balance when the bank refuses, and not when it pays", async () => {
    const id = await merchantWithBalance("10");
    const failed = (await withdraw(id, "1.13")).withdrawal;
    const paid = (await withdraw(id, "1")).withdrawal;
    await Promise.all([advanceDueWithdrawals(t.db, { stepSeconds: 0 }), advanceDueWithdrawals(t.db, { stepSeconds: 0 })]);
    const rows = await t.db.select().from(withdrawals).where(eq(withdrawals.merchantId, id));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [failed.id]: "failed", [paid.id]: "succeeded" });
    expect((await getBalances(t.db, { merchantId: id }))[0]!.available).toBe(900);
    expect(await t.db.$count(withdrawalEvents, eq(withdrawalEvents.withdrawalId, paid.id))).toBe(2);
  });
});
