import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ledgerEntries, merchants, paymentEvents, payments, type PaymentStatus } from "@/db/schema";
import { feeFor, parseDecimalAmount } from "./money";
import { parseProviderTime, ProviderError, type ProviderPayment } from "./provider";

export const finalPaymentStatuses: readonly PaymentStatus[] = ["SUCCEEDED", "CANCELLED"];

/** A payment never leaves a final state; PENDING may move to either final state. */
export function nextPaymentStatus(current: PaymentStatus, reported: PaymentStatus): PaymentStatus {
  return finalPaymentStatuses.includes(current) ? current : reported;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ApplyResult = { paymentId: string; merchantId: string; from: PaymentStatus | null; to: PaymentStatus; ignored: boolean };

/**
 * Records what the provider reported for a payment, in one transaction: the payment row (created or
 * updated, never moved back from a final state), its event, and on success the ledger credit and fee.
 */
export async function applyProviderPayment(
  db: Db,
  reported: ProviderPayment,
  options: { source: "notification" | "refresh" | "create"; actorId?: string; settlementDelayHours: number; now?: Date },
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
      if (!uuidPattern.test(reported.sub_merchant_id)) throw new ProviderError("Payment for an unknown sub-merchant", true);
      const [merchant] = await tx.select({ id: merchants.id, feeRateBps: merchants.feeRateBps }).from(merchants).where(eq(merchants.id, reported.sub_merchant_id));
      if (!merchant) throw new ProviderError("Payment for an unknown sub-merchant", true);
      feeBps = merchant.feeRateBps;
      const [row] = await tx
        .insert(payments)
        .values({
          merchantId: merchant.id,
          orderId: reported.order_id,
          merchantOrderId: reported.merchant_order_id,
          amountMinor,
          currency: reported.currency,
          status: reported.status,
          description: reported.description ?? null,
          createdAt,
          paidAt,
          queriedAt: now,
        })
        // Another notification of the same order may have inserted it first: then update that row.
        .onConflictDoNothing({ target: payments.orderId })
        .returning({ id: payments.id });
      if (row) {
        result = { paymentId: row.id, merchantId: merchant.id, from: null, to: reported.status, ignored: false };
        await tx.insert(paymentEvents).values({ paymentId: row.id, merchantId: merchant.id, source: options.source, fromStatus: null, toStatus: reported.status, actorId: options.actorId, createdAt: now });
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
      await tx
        .update(payments)
        .set({ status: to, amountMinor, currency: reported.currency, createdAt, paidAt, description: reported.description ?? existing.description, queriedAt: now, updatedAt: now })
        .where(eq(payments.id, existing.id));
      if (existing.status !== to || options.source === "refresh") {
        await tx.insert(paymentEvents).values({ paymentId: existing.id, merchantId: existing.merchantId, source: options.source, fromStatus: existing.status, toStatus: to, actorId: options.actorId, createdAt: now });
      }
      const [merchant] = await tx.select({ feeRateBps: merchants.feeRateBps }).from(merchants).where(eq(merchants.id, existing.merchantId));
      feeBps = merchant!.feeRateBps;
    }
    if (!result) throw new Error("unreachable: payment neither inserted nor found");
    if (result.to === "SUCCEEDED" && result.from !== "SUCCEEDED") {
      const availableAt = new Date((paidAt ?? now).getTime() + options.settlementDelayHours * 3_600_000);
      const fee = feeFor(amountMinor, feeBps);
      const entries = [{ merchantId: result.merchantId, currency: reported.currency, kind: "payment" as const, amountMinor, paymentId: result.paymentId, availableAt, createdAt: paidAt ?? now }];
      if (fee > 0) entries.push({ merchantId: result.merchantId, currency: reported.currency, kind: "fee" as never, amountMinor: -fee, paymentId: result.paymentId, availableAt, createdAt: paidAt ?? now });
      await tx.insert(ledgerEntries).values(entries).onConflictDoNothing();
    }
    return result;
  });
}

