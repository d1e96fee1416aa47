import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { merchants, paymentEvents, payments, type PaymentStatus } from "@/db/schema";
import { postLedgerEntries, type LedgerEntry } from "@/lib/ledger/post";
import { feeFor, parseDecimalAmount } from "@/lib/money/money";
import { finalPaymentStatuses, movePayments, nextPaymentStatus, type PaymentEventSource, type PaymentMove } from "./lifecycle";
import { enqueuePaymentEvents } from "./webhooks-out/events";
import { parseProviderTime, ProviderError, type ProviderPayment } from "./provider";

export { finalPaymentStatuses, nextPaymentStatus, type PaymentEventSource };

type Payment = typeof payments.$inferSelect;

export type ApplyResult = { paymentId: string; merchantId: string; from: PaymentStatus | null; to: PaymentStatus; ignored: boolean };

export type ApplyOptions = {
  source: PaymentEventSource;
  actorId?: string;
  settlementDelayHours: number;
  now?: Date;
  /** Only for a payment the caller created (or seeds): whose it is, and its description. */
  merchantId?: string;
  description?: string;
};

type Report = { reported: ProviderPayment; amountMinor: number; createdAt: Date; paidAt: Date | null };

/**
 * Records what the provider reported for one payment, in one transaction: the payment row (created
 * or updated, never moved back from a final state), its event, and on success the ledger credit and fee.
 */
export async function applyProviderPayment(db: Db, reported: ProviderPayment, options: ApplyOptions): Promise<ApplyResult> {
  const [outcome] = await applyProviderPayments(db, [reported], options);
  if (outcome instanceof ProviderError) throw outcome;
  return outcome!;
}

/**
 * The same for many reports in one transaction, each statement written once for all of them (the
 * background processing of notifications). Returns, in the reports' order, each result, or the
 * permanent ProviderError of a report that cannot be applied (nothing is written for that one).
 * Several reports of one order are applied in turn, in the order given.
 */
export async function applyProviderPayments(db: Db, reports: readonly ProviderPayment[], options: ApplyOptions): Promise<(ApplyResult | ProviderError)[]> {
  const outcomes: (ApplyResult | ProviderError | undefined)[] = reports.map(() => undefined);
  const parsed: (Report | undefined)[] = reports.map((reported, i) => {
    try {
      return {
        reported,
        amountMinor: usable("amount", () => parseDecimalAmount(reported.amount, reported.currency)),
        createdAt: usable("time", () => parseProviderTime(reported.create_time)),
        paidAt: reported.pay_time ? usable("time", () => parseProviderTime(reported.pay_time!)) : null,
      };
    } catch (error) {
      outcomes[i] = error as ProviderError;
      return undefined;
    }
  });
  // Round k holds each order's k-th report, so one statement never writes the same payment twice.
  const rounds: number[][] = [];
  const seen = new Map<string, number>();
  parsed.forEach((report, i) => {
    if (!report) return;
    const k = seen.get(report.reported.order_id) ?? 0;
    seen.set(report.reported.order_id, k + 1);
    (rounds[k] ??= []).push(i);
  });
  if (rounds.length) {
    await db.transaction(async (tx) => {
      for (const round of rounds) await applyRound(tx, round.map((i) => ({ i, report: parsed[i]! })), options, outcomes);
    });
  }
  return outcomes.map((o) => o!);
}

/** A field of the provider's answer read, or the answer refused for good (it will not read better next time). */
function usable<T>(what: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new ProviderError(`Unusable ${what} from provider: ${(error as Error).message}`, true);
  }
}

async function applyRound(tx: Db, items: { i: number; report: Report }[], options: ApplyOptions, outcomes: (ApplyResult | ProviderError | undefined)[]) {
  const now = options.now ?? new Date();
  const locked = await lockPayments(tx, items.map((item) => item.report.reported.order_id));
  const moves: { i: number; report: Report; move: PaymentMove; feeBps: number }[] = [];
  const stale: { i: number; payment: Payment; reported: ProviderPayment }[] = [];
  const changed: Payment[] = [];
  const credited: { result: ApplyResult; report: Report; feeBps: number }[] = [];

  for (const { i, report } of items) {
    let existing = locked.get(report.reported.order_id);
    if (!existing) {
      const inserted = await insertReportedPayment(tx, report, options, now);
      if (inserted.kind === "refused") {
        outcomes[i] = inserted.error;
        continue;
      }
      if (inserted.kind === "created") {
        outcomes[i] = inserted.result;
        changed.push(inserted.row);
        credited.push({ result: inserted.result, report, feeBps: inserted.feeBps });
        continue;
      }
      existing = inserted.locked;
    }
    const { payment, feeRateBps: feeBps } = existing;
    const to = nextPaymentStatus(payment.status, report.reported.status);
    if (to !== report.reported.status) {
      stale.push({ i, payment, reported: report.reported });
      outcomes[i] = { paymentId: payment.id, merchantId: payment.merchantId, from: payment.status, to, ignored: true };
      continue;
    }
    const feeMinor = to !== "SUCCEEDED" ? 0 : payment.status === "SUCCEEDED" ? payment.feeMinor : feeFor(report.amountMinor, feeBps);
    moves.push({
      i, report, feeBps,
      move: {
        payment, to, source: options.source, actorId: options.actorId, recordStay: options.source === "refresh", now,
        // A final state ends polling; the same columns for every report, so one UPDATE writes them all.
        set: { amountMinor: report.amountMinor, feeMinor, currency: report.reported.currency, createdAt: report.createdAt, paidAt: report.paidAt, queriedAt: now, nextQueryAt: to === "PENDING" ? payment.nextQueryAt : null },
      },
    });
  }

  const updated = await movePayments(tx, moves.map((m) => m.move));
  moves.forEach(({ i, report, move, feeBps }, n) => {
    const result = { paymentId: move.payment.id, merchantId: move.payment.merchantId, from: move.payment.status, to: move.to, ignored: false };
    outcomes[i] = result;
    const row = updated[n];
    if (row && move.payment.status !== move.to) changed.push(row);
    credited.push({ result, report, feeBps });
  });
  if (stale.length) {
    await tx.update(payments).set({ queriedAt: now }).where(inArray(payments.id, stale.map((s) => s.payment.id)));
    await tx.insert(paymentEvents).values(stale.map(({ payment, reported }) => ({
      paymentId: payment.id, merchantId: payment.merchantId, source: options.source, fromStatus: payment.status, toStatus: payment.status,
      note: `stale_report:${reported.status}`, actorId: options.actorId, createdAt: now,
    })));
  }
  await enqueuePaymentEvents(tx, changed, now);
  await postLedgerEntries(tx, credited.filter(({ result }) => result.to === "SUCCEEDED" && result.from !== "SUCCEEDED").flatMap(({ result, report, feeBps }) => ledgerEntriesFor(result, report, feeBps, options, now)));
}

type Locked = { payment: Payment; feeRateBps: number };

/** The payments of these orders, locked for this transaction in one order (so batches never deadlock), with their merchants' fee rates. */
async function lockPayments(tx: Db, orderIds: string[]): Promise<Map<string, Locked>> {
  const rows = await tx
    .select({ payment: payments, feeRateBps: merchants.feeRateBps })
    .from(payments)
    .innerJoin(merchants, eq(merchants.id, payments.merchantId))
    .where(inArray(payments.orderId, orderIds))
    .orderBy(payments.id)
    .for("update", { of: payments });
  return new Map(rows.map((row) => [row.payment.orderId, row]));
}

/**
 * A report of an order with no payment on record: the console knows whose payment it is only
 * because it created it (`merchantId`); a report of any other order is not ours.
 */
async function insertReportedPayment(tx: Db, report: Report, options: ApplyOptions, now: Date): Promise<
  { kind: "refused"; error: ProviderError } | { kind: "created"; row: Payment; feeBps: number; result: ApplyResult } | { kind: "exists"; locked: Locked }
> {
  const refuse = (message: string) => ({ kind: "refused" as const, error: new ProviderError(message, true) });
  if (!options.merchantId) return refuse("Payment the console did not create");
  const [merchant] = await tx.select({ id: merchants.id, feeRateBps: merchants.feeRateBps }).from(merchants).where(eq(merchants.id, options.merchantId));
  if (!merchant) return refuse("Payment for an unknown merchant");
  const { reported } = report;
  const [row] = await tx
    .insert(payments)
    .values({
      merchantId: merchant.id,
      orderId: reported.order_id,
      merchantOrderId: reported.merchant_order_id,
      amountMinor: report.amountMinor,
      feeMinor: reported.status === "SUCCEEDED" ? feeFor(report.amountMinor, merchant.feeRateBps) : 0,
      currency: reported.currency,
      status: reported.status,
      description: options.description ?? null,
      createdAt: report.createdAt,
      paidAt: report.paidAt,
      queriedAt: now,
    })
    // Another report of the same order may have inserted it first: then update that row.
    .onConflictDoNothing({ target: payments.orderId })
    .returning();
  if (!row) return { kind: "exists", locked: (await lockPayments(tx, [reported.order_id])).get(reported.order_id)! };
  await tx.insert(paymentEvents).values({ paymentId: row.id, merchantId: merchant.id, source: options.source, fromStatus: null, toStatus: reported.status, actorId: options.actorId, createdAt: now });
  return { kind: "created", row, feeBps: merchant.feeRateBps, result: { paymentId: row.id, merchantId: merchant.id, from: null, to: reported.status, ignored: false } };
}

/** A success's ledger credit and its fee, available after the settlement delay. */
function ledgerEntriesFor(result: ApplyResult, report: Report, feeBps: number, options: ApplyOptions, now: Date): LedgerEntry[] {
  const at = report.paidAt ?? now;
  const availableAt = new Date(at.getTime() + options.settlementDelayHours * 3_600_000);
  const fee = feeFor(report.amountMinor, feeBps);
  const entries: LedgerEntry[] = [{ merchantId: result.merchantId, currency: report.reported.currency, kind: "payment", amountMinor: report.amountMinor, paymentId: result.paymentId, availableAt, createdAt: at }];
  if (fee > 0) entries.push({ merchantId: result.merchantId, currency: report.reported.currency, kind: "fee", amountMinor: -fee, paymentId: result.paymentId, availableAt, createdAt: at });
  return entries;
}
