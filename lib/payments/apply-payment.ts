import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { merchants, paymentEvents, payments, type PaymentStatus } from "@/db/schema";
import { postLedgerEntries, type LedgerEntry } from "@/lib/ledger/post";
import { feeFor, parseDecimalAmount } from "@/lib/money/money";
import { finalPaymentStatuses, movePayment, nextPaymentStatus, type PaymentEventSource } from "./lifecycle";
import { enqueuePaymentEvent } from "./webhooks-out/events";
import { parseProviderTime, ProviderError, type ProviderPayment } from "./provider";

export { finalPaymentStatuses, nextPaymentStatus, type PaymentEventSource };

export type ApplyResult = { paymentId: string; merchantId: string; from: PaymentStatus | null; to: PaymentStatus; ignored: boolean };

/**
 * Records what the provider reported for a payment, in one transaction: the payment row (created or
 * updated, never moved back from a final state), its event, and on success the ledger credit and fee.
 */
export async function applyProviderPayment(
  db: Db,
  reported: ProviderPayment,
  options: {
    source: PaymentEventSource;
    actorId?: string;
    settlementDelayHours: number;
    now?: Date;
    /** Only for a payment the caller created (or seeds): whose it is, and its description. */
    merchantId?: string;
    description?: string;
  },
): Promise<ApplyResult> {
  let amountMinor: number;
  try {
    amountMinor = parseDecimalAmount(reported.amount, reported.currency);
  } catch (error) {
    throw new ProviderError(`Unusable amount from provider: ${(error as Error).message}`, true);
  }
  const createdAt = parseProviderTime(reported.create_time);
  const paidAt = reported.pay_time ? parseProviderTime(reported.pay_time) : null;
  const now = options.now ?? new Date();

  return db.transaction(async (tx) => {
    let [existing] = await tx.select().from(payments).where(eq(payments.orderId, reported.order_id)).for("update");
    let result: ApplyResult | undefined;
    let feeBps = 0;
    if (!existing) {
      // The console knows whose payment it is because it created it; a report of any other order is not ours.
      if (!options.merchantId) throw new ProviderError("Payment the console did not create", true);
      const [merchant] = await tx.select({ id: merchants.id, feeRateBps: merchants.feeRateBps }).from(merchants).where(eq(merchants.id, options.merchantId));
      if (!merchant) throw new ProviderError("Payment for an unknown merchant", true);
      feeBps = merchant.feeRateBps;
      const [row] = await tx
        .insert(payments)
        .values({
          merchantId: merchant.id,
          orderId: reported.order_id,
          merchantOrderId: reported.merchant_order_id,
          amountMinor,
          feeMinor: reported.status === "SUCCEEDED" ? feeFor(amountMinor, merchant.feeRateBps) : 0,
          currency: reported.currency,
          status: reported.status,
          description: options.description ?? null,
          createdAt,
          paidAt,
          queriedAt: now,
        })
        // Another report of the same order may have inserted it first: then update that row.
        .onConflictDoNothing({ target: payments.orderId })
        .returning();
      if (row) {
        result = { paymentId: row.id, merchantId: merchant.id, from: null, to: reported.status, ignored: false };
        await tx.insert(paymentEvents).values({ paymentId: row.id, merchantId: merchant.id, source: options.source, fromStatus: null, toStatus: reported.status, actorId: options.actorId, createdAt: now });
        await enqueuePaymentEvent(tx, row, now);
      } else {
        [existing] = await tx.select().from(payments).where(eq(payments.orderId, reported.order_id)).for("update");
      }
    }
    if (existing) {
      const to = nextPaymentStatus(existing.status, reported.status);
      const ignored = to !== reported.status;
      result = { paymentId: existing.id, merchantId: existing.merchantId, from: existing.status, to, ignored };
      if (ignored) {
        await tx.update(payments).set({ queriedAt: now }).where(eq(payments.id, existing.id));
        await tx.insert(paymentEvents).values({
          paymentId: existing.id, merchantId: existing.merchantId, source: options.source, fromStatus: existing.status, toStatus: existing.status,
          note: `stale_report:${reported.status}`, actorId: options.actorId, createdAt: now,
        });
        return result;
      }
      const [merchant] = await tx.select({ feeRateBps: merchants.feeRateBps }).from(merchants).where(eq(merchants.id, existing.merchantId));
      feeBps = merchant!.feeRateBps;
      const feeMinor = to !== "SUCCEEDED" ? 0 : existing.status === "SUCCEEDED" ? existing.feeMinor : feeFor(amountMinor, feeBps);
      const updated = await movePayment(tx, {
        payment: existing,
        to,
        source: options.source,
        actorId: options.actorId,
        recordStay: options.source === "refresh",
        now,
        // A final state ends polling.
        set: { amountMinor, feeMinor, currency: reported.currency, createdAt, paidAt, queriedAt: now, ...(to === "PENDING" ? {} : { nextQueryAt: null }) },
      });
      if (existing.status !== to) await enqueuePaymentEvent(tx, updated!, now);
    }
    if (!result) throw new Error("unreachable: payment neither inserted nor found");
    if (result.to === "SUCCEEDED" && result.from !== "SUCCEEDED") {
      const availableAt = new Date((paidAt ?? now).getTime() + options.settlementDelayHours * 3_600_000);
      const fee = feeFor(amountMinor, feeBps);
      const entries: LedgerEntry[] = [{ merchantId: result.merchantId, currency: reported.currency, kind: "payment", amountMinor, paymentId: result.paymentId, availableAt, createdAt: paidAt ?? now }];
      if (fee > 0) entries.push({ merchantId: result.merchantId, currency: reported.currency, kind: "fee", amountMinor: -fee, paymentId: result.paymentId, availableAt, createdAt: paidAt ?? now });
      await postLedgerEntries(tx, entries);
    }
    return result;
  });
}

