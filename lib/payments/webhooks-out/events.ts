import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { payments, webhookDeliveries, webhookEndpoints, webhookEvents } from "@/db/schema";
import { formatDecimalAmount } from "@/lib/money/money";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Payment = typeof payments.$inferSelect;

/** How long an event is retried before its delivery is given up. */
export const deliveryWindowMs = 24 * 3_600_000;

export const paymentEventTypes = { PENDING: "payment.pending", SUCCEEDED: "payment.succeeded", CANCELLED: "payment.cancelled" } as const;

/** The payment as the API and the webhook show it: amounts as decimal strings, times ISO 8601. */
export function paymentResource(p: Payment) {
  return {
    id: p.id,
    order_id: p.orderId,
    merchant_order_id: p.merchantOrderId,
    amount: formatDecimalAmount(p.amountMinor, p.currency),
    currency: p.currency,
    status: p.status,
    description: p.description,
    created_at: p.createdAt.toISOString(),
    paid_at: p.paidAt?.toISOString() ?? null,
  };
}
export type PaymentResource = ReturnType<typeof paymentResource>;

/**
 * Records the event of a payment's new status and one delivery per endpoint of its merchant, in
 * the transaction that changed the status (an outbox: no change without its event, no event lost).
 */
export async function enqueuePaymentEvent(tx: Tx, payment: Payment, now: Date) {
  const id = randomUUID();
  const type = paymentEventTypes[payment.status];
  await tx.insert(webhookEvents).values({
    id,
    merchantId: payment.merchantId,
    type,
    paymentId: payment.id,
    payload: { id, type, created_at: now.toISOString(), data: { payment: paymentResource(payment) } },
    createdAt: now,
  });
  const endpoints = await tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(and(eq(webhookEndpoints.merchantId, payment.merchantId), isNull(webhookEndpoints.deletedAt)));
  if (endpoints.length) {
    await tx.insert(webhookDeliveries).values(endpoints.map((e) => ({ eventId: id, endpointId: e.id, merchantId: payment.merchantId, nextAttemptAt: now, giveUpAt: new Date(now.getTime() + deliveryWindowMs), createdAt: now })));
  }
}
