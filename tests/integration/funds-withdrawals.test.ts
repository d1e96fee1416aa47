import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerEntries, notifications, sandboxFundsWithdrawals, users, withdrawalEvents, withdrawals } from "@/db/schema";
import { getBalances } from "@/lib/ledger/balance";
import { followWithdrawal, requestWithdrawal, settleSubmitted, type WithdrawalDeps } from "@/lib/funds/withdrawals";
import { isAppError } from "@/lib/errors";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";
import { counting, gatewayFor, sandboxFor, seedMerchantWithFunds } from "../helpers/funds";

describe.each(testEngines)("withdrawals through WeChat's funds API (sandbox) on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.destroy());

  async function setup(yuan: string, options: { perDay?: number; sandboxPerDay?: number } = {}) {
    const sandbox = sandboxFor(t.db, { withdrawalsPerDay: options.sandboxPerDay ?? options.perDay ?? 1 });
    const merchant = await seedMerchantWithFunds(t.db, sandbox, yuan);
    const wire = counting(sandbox.transport(merchant.appid));
    const [owner] = await t.db.insert(users).values({ email: `owner-${merchant.appid}@example.test`, name: "Owner", role: "owner", merchantId: merchant.id }).returning({ id: users.id });
    const deps: WithdrawalDeps = { gateway: gatewayFor(wire.transport), perDayLimit: options.perDay ?? 1, checkSeconds: 0 };
    const withdraw = (amount: string, key = randomUUID()) =>
      requestWithdrawal(t.db, deps, { merchantId: merchant.id, request: { amount, currency: "CNY", idempotency_key: key }, maskAccount: () => "6222********1234" });
    const follow = async (id: string) => {
      const [row] = await t.db.select().from(withdrawals).where(eq(withdrawals.id, id));
      return followWithdrawal(t.db, deps, row!);
    };
    const mailsQueued = async () => (await t.db.select().from(notifications).where(eq(notifications.merchantId, merchant.id))).map((n) => [n.kind, n.userId, n.content.withdrawalId]);
    return { sandbox, merchant, wire, deps, withdraw, follow, ownerId: owner!.id, mailsQueued };
  }

  const statusesOf = async (id: string) =>
    (await t.db.select().from(withdrawalEvents).where(eq(withdrawalEvents.withdrawalId, id)).orderBy(withdrawalEvents.createdAt)).map((e) => e.toStatus);

  it("goes request → QR code → scanned and confirmed → succeeded", async () => {
    const s = await setup("10");
    const { withdrawal } = await s.withdraw("3");
    expect(withdrawal).toMatchObject({ status: "awaiting_scan", scanStatus: 0 });
    expect(withdrawal.outRequestNo).toMatch(/^wd/);
    expect(s.wire.calls["/shop/funds/submitwithdraw"]).toBe(1);
    const [sent] = await t.db.select().from(sandboxFundsWithdrawals).where(eq(sandboxFundsWithdrawals.outRequestNo, withdrawal.outRequestNo!));
    expect(sent).toMatchObject({ amount: 300, remark: `wd:${withdrawal.id}` });
    // The QR code WeChat hands out for the ticket is an image.
    const png = Buffer.from(await s.deps.gateway.getQrcode(withdrawal.qrcodeTicket!), "base64");
    expect(png.subarray(1, 4).toString()).toBe("PNG");

    expect(await s.follow(withdrawal.id)).toMatchObject({ status: "awaiting_scan", scanStatus: 0 });
    expect(await s.sandbox.scan(s.merchant.appid, withdrawal.qrcodeTicket!, "scanned")).toBe(true);
    expect(await s.follow(withdrawal.id)).toMatchObject({ status: "awaiting_scan", scanStatus: 4 });
    expect(await s.sandbox.scan(s.merchant.appid, withdrawal.qrcodeTicket!, "confirmed")).toBe(true);
    expect(await s.follow(withdrawal.id)).toMatchObject({ status: "created", scanStatus: 1 });
    expect(await s.follow(withdrawal.id)).toMatchObject({ status: "succeeded", wechatStatus: "SUCCESS" });
    expect(await statusesOf(withdrawal.id)).toEqual(["submitting", "awaiting_scan", "created", "succeeded"]);
    expect(await getBalances(t.db, { merchantId: s.merchant.id })).toMatchObject([{ available: 700 }]);
    expect(await s.deps.gateway.getBalance()).toEqual({ available: 700, pending: 0 });
    expect(s.wire.calls["/shop/funds/submitwithdraw"]).toBe(1);
  });

  it("refuses a second withdrawal the same day before calling WeChat, and says why", async () => {
    const s = await setup("10");
    await s.withdraw("1");
    const second = await s.withdraw("1").catch((e: unknown) => e);
    expect(isAppError(second) && second.message).toBe("funds.wechat.dailyLimit");
    expect(s.wire.calls["/shop/funds/submitwithdraw"]).toBe(1);
    expect(await t.db.$count(withdrawals, eq(withdrawals.merchantId, s.merchant.id))).toBe(1);
  });

  it("maps WeChat's 9700101 (one a day) to the same message and gives the money back", async () => {
    // The console allows more than WeChat does: WeChat's refusal is the authority.
    const s = await setup("10", { perDay: 5, sandboxPerDay: 1 });
    await s.withdraw("1");
    const refused = await s.withdraw("1").catch((e: unknown) => e);
    expect(isAppError(refused) && refused.message).toBe("funds.wechat.dailyLimit");
    const rows = await t.db.select().from(withdrawals).where(eq(withdrawals.merchantId, s.merchant.id));
    expect(rows.map((r) => r.status).sort()).toEqual(["awaiting_scan", "failed"]);
    expect(await getBalances(t.db, { merchantId: s.merchant.id })).toMatchObject([{ available: 900 }]);
  });

  it("refuses more than WeChat's available balance and says the most that can be withdrawn", async () => {
    const s = await setup("10");
    const error = await s.withdraw("10.01").catch((e: unknown) => e);
    expect(isAppError(error) && error.fields?.amount).toBe("funds.validation.amountOverBalance|10.00");
    expect(s.wire.calls["/shop/funds/submitwithdraw"]).toBeUndefined();
  });

  it("after a crash between WeChat's answer and the record: one withdrawal, no second call, settled from WeChat's list", async () => {
    const s = await setup("10");
    const key = randomUUID();
    let crash = true;
    const real = s.deps.gateway.submitWithdraw;
    s.deps.gateway.submitWithdraw = async (request) => {
      const answer = await real(request);
      if (crash) throw new Error("process died before recording the answer");
      return answer;
    };
    // The answer never reaches the record: the withdrawal stays `submitting`, money held.
    expect(await s.withdraw("2", key)).toMatchObject({ created: true, withdrawal: { status: "submitting", outRequestNo: null } });
    crash = false;
    // The merchant retries the same request: it is the same withdrawal, WeChat is not called again.
    const retry = await s.withdraw("2", key);
    expect(retry).toMatchObject({ created: false, withdrawal: { status: "submitting" } });
    expect(s.wire.calls["/shop/funds/submitwithdraw"]).toBe(1);
    expect(await settleSubmitted(t.db, s.deps, { merchantId: s.merchant.id, olderThanSeconds: 0 })).toBe(1);
    const [row] = await t.db.select().from(withdrawals).where(eq(withdrawals.id, retry.withdrawal.id));
    const [atWeChat] = await t.db.select().from(sandboxFundsWithdrawals).where(eq(sandboxFundsWithdrawals.remark, `wd:${row!.id}`));
    expect(row).toMatchObject({ status: "awaiting_scan", outRequestNo: atWeChat!.outRequestNo });
    expect(s.wire.calls["/shop/funds/submitwithdraw"]).toBe(1);
    expect(await t.db.$count(sandboxFundsWithdrawals, eq(sandboxFundsWithdrawals.appid, s.merchant.appid))).toBe(1);
    expect(await t.db.$count(withdrawals, eq(withdrawals.merchantId, s.merchant.id))).toBe(1);
  });

  it("gives the money back, visibly, and tells the merchant's people when the bank returns it after success", async () => {
    const s = await setup("10");
    const { withdrawal } = await s.withdraw("2.14"); // The sandbox bank returns amounts ending in 14 fen.
    await s.sandbox.scan(s.merchant.appid, withdrawal.qrcodeTicket!, "confirmed");
    await s.follow(withdrawal.id);
    expect(await s.follow(withdrawal.id)).toMatchObject({ status: "succeeded" });
    expect(await getBalances(t.db, { merchantId: s.merchant.id })).toMatchObject([{ available: 786 }]);
    expect(await s.follow(withdrawal.id)).toMatchObject({ status: "returned", reason: "银行退票：账户已销户", nextCheckAt: null });
    expect(await getBalances(t.db, { merchantId: s.merchant.id })).toMatchObject([{ available: 1000 }]);
    expect(await s.deps.gateway.getBalance()).toMatchObject({ available: 1000 });
    const movements = await t.db.select().from(ledgerEntries).where(eq(ledgerEntries.withdrawalId, withdrawal.id));
    expect(movements.map((m) => [m.kind, m.amountMinor]).sort()).toEqual([["withdrawal", -214], ["withdrawal_reversal", 214]]);
    expect(await s.mailsQueued()).toEqual([["withdrawalReturned", s.ownerId, withdrawal.id]]);
    // Asking again changes nothing: the return is booked once, and told once.
    await s.follow(withdrawal.id);
    expect(await getBalances(t.db, { merchantId: s.merchant.id })).toMatchObject([{ available: 1000 }]);
    expect(await s.mailsQueued()).toHaveLength(1);
  });

  it("gives the money back when the QR code is cancelled", async () => {
    const s = await setup("10");
    const { withdrawal } = await s.withdraw("4");
    await s.sandbox.scan(s.merchant.appid, withdrawal.qrcodeTicket!, "cancelled");
    expect(await s.follow(withdrawal.id)).toMatchObject({ status: "scan_refused", nextCheckAt: null });
    expect(await getBalances(t.db, { merchantId: s.merchant.id })).toMatchObject([{ available: 1000 }]);
  });

  it("sends exactly 10 withdrawals to WeChat for 50 concurrent requests on a balance that covers 10", async () => {
    const s = await setup("10", { perDay: 100 });
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => s.withdraw("1")));
    const refused = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    for (const r of refused) expect(isAppError(r.reason) && r.reason.fields?.amount).toMatch(/^funds\.validation\.amountOverBalance\|/);
    expect(s.wire.calls["/shop/funds/submitwithdraw"]).toBe(10);
    expect(await t.db.$count(withdrawals, eq(withdrawals.merchantId, s.merchant.id))).toBe(10);
    expect(await getBalances(t.db, { merchantId: s.merchant.id })).toMatchObject([{ available: 0 }]);
  });

  it("sends one withdrawal for 50 concurrent requests under WeChat's one-a-day rule", async () => {
    const s = await setup("10");
    await Promise.allSettled(Array.from({ length: 50 }, () => s.withdraw("1")));
    expect(s.wire.calls["/shop/funds/submitwithdraw"]).toBe(1);
    expect(await t.db.$count(withdrawals, eq(withdrawals.merchantId, s.merchant.id))).toBe(1);
  });
});
