import { and, eq, gte, inArray, isNotNull, lte, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { merchants, settlementAccounts, withdrawals, type WithdrawalStatus } from "@/db/schema";
import { AppError, isAppError, reasons, type Reason } from "@/lib/errors";
import { availableBalance } from "@/lib/ledger/balance";
import { postLedgerEntries } from "@/lib/ledger/post";
import { formatDecimalAmount, parseDecimalAmount } from "@/lib/money/money";
import { chinaPeriodStarts } from "@/lib/time/china-time";
import { FundsApiError, fundsErrcodeKeys, isDefiniteRefusal, type FundsGateway } from "./gateway";
import { withdrawalRequestSchema } from "./schemas";
import { canMoveWithdrawal, finalStatuses, moveWithdrawal, openWithdrawal, refundingStatuses } from "./withdrawal-lifecycle";

export type Withdrawal = typeof withdrawals.$inferSelect;

export { finalStatuses, refundingStatuses };

export type WithdrawalDeps = {
  gateway: FundsGateway;
  /** submitwithdraw's documented limit is one withdrawal a day (errcode 9700101). */
  perDayLimit?: number;
  /** Seconds between checks of a withdrawal WeChat is still working on. */
  checkSeconds?: number;
  now?: () => Date;
};

/** The one currency of WeChat's funds API: amounts in fen. */
const wechatCurrency = "CNY";
/** submitwithdraw's `remark` carries our withdrawal id, so WeChat's list can tell which one is ours. */
export const remarkFor = (id: string) => `wd:${id}`;

function overBalance(maxMinor: number): AppError {
  return new AppError("validation_failed", "The amount is more than the available balance.", { amount: `funds.validation.amountOverBalance|${formatDecimalAmount(Math.max(0, maxMinor), wechatCurrency)}` }, { reason: "withdrawal.over_balance" });
}

/**
 * Requests a withdrawal: checked against WeChat's available balance, the console's ledger and the
 * one-a-day rule, recorded with its idempotency key and debited under the merchant's lock, then
 * sent with `submitwithdraw` exactly once. A retry with the same key returns the first withdrawal
 * and never calls WeChat again. If the answer is lost (timeout, crash) the row stays `submitting`
 * and `settleSubmitted` finds it in WeChat's withdrawal list.
 */
export async function requestWithdrawal(
  db: Db,
  deps: WithdrawalDeps,
  input: { merchantId: string; actorId?: string; request: unknown; maskAccount: (sealedNumber: string) => string },
): Promise<{ withdrawal: Withdrawal; created: boolean }> {
  const request = withdrawalRequestSchema.parse(input.request);
  if (request.currency !== wechatCurrency) throw new AppError("validation_failed", "WeChat pays out in CNY only.", { currency: "funds.validation.currency" });
  const amountMinor = parseDecimalAmount(request.amount, request.currency);
  const now = deps.now?.() ?? new Date();
  const replay = await findByKey(db, input.merchantId, request.idempotency_key);
  if (replay) return { withdrawal: sameRequest(replay, amountMinor, request.currency), created: false };

  const wechat = await deps.gateway.getBalance();
  if (amountMinor > wechat.available) throw overBalance(wechat.available);

  const recorded = await db.transaction(async (tx) => {
    await tx.execute(sql`select id from ${merchants} where ${merchants.id} = ${input.merchantId} for update`);
    const existing = await findByKey(tx as unknown as Db, input.merchantId, request.idempotency_key);
    if (existing) return { withdrawal: sameRequest(existing, amountMinor, request.currency), created: false };
    const [account] = await tx.select().from(settlementAccounts).where(eq(settlementAccounts.merchantId, input.merchantId));
    if (!account) throw new AppError("conflict", "Add a settlement account before withdrawing.", undefined, { reason: "withdrawal.no_account" });
    const ledger = await availableBalance(tx as unknown as Db, input.merchantId, request.currency, now);
    if (amountMinor > ledger) throw overBalance(Math.min(ledger, wechat.available));
    const today = await tx.$count(
      withdrawals,
      and(
        eq(withdrawals.merchantId, input.merchantId),
        gte(withdrawals.createdAt, chinaPeriodStarts(now).today),
        // A request WeChat refused outright did not count at WeChat either.
        or(ne(withdrawals.status, "failed"), isNotNull(withdrawals.outRequestNo)),
      ),
    );
    if (today >= (deps.perDayLimit ?? 1)) throw new AppError("rate_limited", "funds.wechat.dailyLimit", undefined, { reason: "wechat_funds.dailyLimit" });
    const withdrawal = await openWithdrawal(tx as unknown as Db, {
      ...input,
      idempotencyKey: request.idempotency_key,
      amountMinor,
      currency: request.currency,
      status: "submitting",
      account,
      now,
      set: { submittedAt: now },
    });
    return { withdrawal, created: true };
  });
  if (!recorded.created) return recorded;
  return { withdrawal: await submit(db, deps, recorded.withdrawal), created: true };
}

async function findByKey(db: Db, merchantId: string, key: string) {
  const [row] = await db.select().from(withdrawals).where(and(eq(withdrawals.merchantId, merchantId), eq(withdrawals.idempotencyKey, key)));
  return row;
}

function sameRequest(existing: Withdrawal, amountMinor: number, currency: string): Withdrawal {
  if (existing.amountMinor !== amountMinor || existing.currency !== currency) throw new AppError("conflict", "This request key was already used for a different withdrawal.", undefined, { reason: "withdrawal.key_reused" });
  return existing;
}

/** The one submitwithdraw call of a recorded withdrawal. */
async function submit(db: Db, deps: WithdrawalDeps, withdrawal: Withdrawal): Promise<Withdrawal> {
  let answer: { out_request_no: string; qrcode_ticket: string };
  try {
    answer = await deps.gateway.submitWithdraw({ amount: withdrawal.amountMinor, remark: remarkFor(withdrawal.id), bank_memo: "" });
  } catch (error) {
    if (!isDefiniteRefusal(error)) return withdrawal; // No answer: whether WeChat took it is read from its list later.
    const key = fundsErrcodeKeys.get(error.errcode as number) ?? "refused";
    await transition(db, deps, withdrawal, "failed", { reason: `funds.wechat.${key}` });
    throw new AppError(key === "dailyLimit" ? "rate_limited" : "upstream_failed", `funds.wechat.${key}`);
  }
  return (await recordSubmitted(db, deps, withdrawal, { outRequestNo: answer.out_request_no, qrcodeTicket: answer.qrcode_ticket, status: "awaiting_scan" })) ?? withdrawal;
}

async function recordSubmitted(db: Db, deps: WithdrawalDeps, withdrawal: Withdrawal, found: { outRequestNo: string; qrcodeTicket: string | null; status: WithdrawalStatus; wechatStatus?: string }) {
  const now = deps.now?.() ?? new Date();
  return db.transaction(async (tx) => {
    return moveWithdrawal(tx as unknown as Db, {
      withdrawal: { ...withdrawal, status: "submitting" },
      to: found.status,
      now,
      set: { outRequestNo: found.outRequestNo, qrcodeTicket: found.qrcodeTicket, scanStatus: found.qrcodeTicket ? 0 : null, wechatStatus: found.wechatStatus ?? null, nextCheckAt: now },
    });
  });
}

/**
 * One status change, written once: conditional on the status it was read in, with its event row,
 * the money given back when the withdrawal ends without reaching the bank (or comes back), and
 * the mail to the merchant's people when it failed or came back.
 */
export async function transition(db: Db, deps: WithdrawalDeps, withdrawal: Withdrawal, to: WithdrawalStatus, extra: { reason?: string | null; wechatStatus?: string; scanStatus?: number } = {}) {
  const now = deps.now?.() ?? new Date();
  const changed = await db.transaction(async (tx) => {
    const row = await moveWithdrawal(tx as unknown as Db, {
      withdrawal,
      to,
      reason: extra.reason,
      now,
      set: {
        reason: extra.reason ?? withdrawal.reason,
        wechatStatus: extra.wechatStatus ?? withdrawal.wechatStatus,
        scanStatus: extra.scanStatus ?? withdrawal.scanStatus,
        nextCheckAt: finalStatuses.includes(to) ? null : new Date(now.getTime() + (deps.checkSeconds ?? 5) * 1000),
      },
    });
    if (!row) return null;
    if (refundingStatuses.includes(to)) {
      await postLedgerEntries(tx as unknown as Db, [{ merchantId: row.merchantId, currency: row.currency, kind: "withdrawal_reversal", amountMinor: row.amountMinor, withdrawalId: row.id, availableAt: now, createdAt: now }]);
    }
    return row;
  });
  return changed;
}

/** WeChat's WithDrawStatus as the console's status; the scan states stay with the QR code. */
const fromWeChat: Record<string, WithdrawalStatus | undefined> = {
  CREATE_SUCCESS: "created",
  SUCCESS: "succeeded",
  FAIL: "failed",
  CLOSE: "closed",
  REFUND: "returned",
};

/** Bank returns come after success: a succeeded withdrawal is still asked about for this long. */
const returnWindowMs = 7 * 86_400_000;

/**
 * Asks WeChat once where a withdrawal stands and writes what changed: the QR code's scan status
 * while it waits for the merchant, then the withdrawal's detail until it is final.
 */
export async function followWithdrawal(db: Db, deps: WithdrawalDeps, withdrawal: Withdrawal): Promise<Withdrawal> {
  const now = deps.now?.() ?? new Date();
  if (withdrawal.status === "awaiting_scan" && withdrawal.qrcodeTicket) {
    const check = await deps.gateway.checkQrcode(withdrawal.qrcodeTicket);
    const to: WithdrawalStatus | null = check.status === 1 ? "created" : check.status === 2 ? "scan_refused" : check.status === 3 ? "scan_expired" : null;
    if (to) return (await transition(db, deps, withdrawal, to, { scanStatus: check.status, reason: to === "created" ? null : `funds.scan.${to}` })) ?? withdrawal;
    const [row] = await db
      .update(withdrawals)
      .set({ scanStatus: check.status, nextCheckAt: new Date(now.getTime() + (deps.checkSeconds ?? 5) * 1000) })
      .where(and(eq(withdrawals.id, withdrawal.id), eq(withdrawals.status, "awaiting_scan")))
      .returning();
    return row ?? withdrawal;
  }
  if (!withdrawal.outRequestNo || finalStatuses.includes(withdrawal.status)) return withdrawal;
  const detail = await deps.gateway.getWithdrawDetail(withdrawal.outRequestNo);
  const to = fromWeChat[detail.status];
  if (to && canMoveWithdrawal(withdrawal.status, to)) {
    // WeChat says FAIL/CLOSE without a bank reason when the QR code was cancelled or expired.
    const reason = detail.reason || null;
    return (await transition(db, deps, withdrawal, to, { reason, wechatStatus: detail.status })) ?? withdrawal;
  }
  const keepAsking = withdrawal.status !== "succeeded" || now.getTime() - withdrawal.createdAt.getTime() < returnWindowMs;
  const [row] = await db
    .update(withdrawals)
    .set({ wechatStatus: detail.status, nextCheckAt: keepAsking ? new Date(now.getTime() + (deps.checkSeconds ?? 5) * 1000) : null })
    .where(and(eq(withdrawals.id, withdrawal.id), eq(withdrawals.status, withdrawal.status)))
    .returning();
  return row ?? withdrawal;
}

/**
 * Withdrawals left `submitting` (the answer to submitwithdraw was lost, or the process died
 * before recording it) are looked up in WeChat's withdrawal list by the remark we sent, never
 * sent again. Not in the list after the grace period: WeChat never took it, the money goes back.
 */
export async function settleSubmitted(db: Db, deps: WithdrawalDeps, options: { merchantId: string; olderThanSeconds?: number; givenUpAfterSeconds?: number; pageSize?: number }) {
  const now = deps.now?.() ?? new Date();
  const cutoff = new Date(now.getTime() - (options.olderThanSeconds ?? 30) * 1000);
  const stuck = await db
    .select()
    .from(withdrawals)
    .where(and(eq(withdrawals.merchantId, options.merchantId), eq(withdrawals.status, "submitting"), lte(withdrawals.submittedAt, cutoff)));
  if (!stuck.length) return 0;
  const wanted = new Map(stuck.map((w) => [remarkFor(w.id), w]));
  const oldest = Math.min(...stuck.map((w) => w.submittedAt!.getTime()));
  const pageSize = options.pageSize ?? 50;
  const known = new Set(
    (await db.select({ no: withdrawals.outRequestNo }).from(withdrawals).where(and(eq(withdrawals.merchantId, options.merchantId), isNotNull(withdrawals.outRequestNo)))).map((r) => r.no),
  );
  let settled = 0;
  // Newest first: stop once a page reaches withdrawals created before the oldest stuck one.
  for (let page = 1; wanted.size > 0; page++) {
    const list = await deps.gateway.listWithdrawals(page, pageSize);
    let older = false;
    for (const no of list.out_request_nos) {
      if (known.has(no)) continue;
      const detail = await deps.gateway.getWithdrawDetail(no);
      if (detail.create_time && detail.create_time * 1000 < oldest - 60_000) older = true;
      const mine = wanted.get(detail.remark);
      if (!mine) continue;
      wanted.delete(detail.remark);
      const status = fromWeChat[detail.status] ?? "awaiting_scan";
      if (await recordSubmitted(db, deps, mine, { outRequestNo: no, qrcodeTicket: null, status, wechatStatus: detail.status })) settled++;
      if (refundingStatuses.includes(status)) {
        await postLedgerEntries(db, [{ merchantId: mine.merchantId, currency: mine.currency, kind: "withdrawal_reversal", amountMinor: mine.amountMinor, withdrawalId: mine.id, availableAt: now, createdAt: now }]);
      }
    }
    if (older || list.out_request_nos.length < pageSize || page * pageSize >= list.total_num) break;
  }
  const giveUp = new Date(now.getTime() - (options.givenUpAfterSeconds ?? 3600) * 1000);
  for (const w of wanted.values()) {
    if (w.submittedAt! <= giveUp) {
      await transition(db, deps, w, "failed", { reason: "funds.wechat.notReceived" });
      settled++;
    }
  }
  return settled;
}

/** The withdrawals of a merchant WeChat should be asked about now. */
export async function dueWithdrawals(db: Db, { merchantId, now = new Date(), limit = 20 }: { merchantId?: string; now?: Date; limit?: number }) {
  return db
    .select()
    .from(withdrawals)
    .where(and(merchantId ? eq(withdrawals.merchantId, merchantId) : undefined, isNotNull(withdrawals.nextCheckAt), lte(withdrawals.nextCheckAt, now), inArray(withdrawals.status, ["awaiting_scan", "created", "succeeded"])))
    .orderBy(withdrawals.nextCheckAt)
    .limit(limit);
}

/** The message key a merchant reads for a failed WeChat call. */
export function fundsMessageKey(error: unknown): string | null {
  if (error instanceof FundsApiError) return error.messageKey;
  if (error instanceof Error && error.message.startsWith("funds.wechat.")) return error.message.split(":")[0]!;
  return null;
}

/** A failed WeChat funds call as the AppError an action answers with: its reason names WeChat's answer. */
export function asFundsFailure(error: unknown): unknown {
  const key = fundsMessageKey(error)?.replace(/^funds\.wechat\./, "");
  if (!key || !(error instanceof Error)) return error;
  const reason = `wechat_funds.${key}`;
  const known = (reasons as readonly string[]).includes(reason);
  return new AppError(isAppError(error) ? error.code : "upstream_failed", error.message, undefined, { reason: known ? (reason as Reason) : "wechat_funds.refused" });
}
