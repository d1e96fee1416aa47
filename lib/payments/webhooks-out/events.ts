import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { payments, webhookDeliveries, webhookEndpoints, webhookEvents } from "@/db/schema";
import { formatDecimalAmount } from "@/lib/money/money";

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
 * Records the event of each payment's new status and one delivery per endpoint of its merchant, in
 * the transaction that changed the status (an outbox: no change without its event, no event lost).
 * One statement: the events, and their deliveries selected from the merchants' live endpoints.
 */
export async function enqueuePaymentEvents(tx: Db, changed: readonly Payment[], now: Date) {
  if (!changed.length) return;
  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = changed.map((payment) => {
    const id = randomUUID();
    const type = paymentEventTypes[payment.status];
    const payload = { id, type, created_at: now.toISOString(), data: { payment: paymentResource(payment) } };
    return sql`(${id}::uuid, ${payment.merchantId}::uuid, ${type}, ${payment.id}::uuid, ${JSON.stringify(payload)}::jsonb, ${at})`;
  });
  await tx.execute(sql`
    with event as (
      insert into ${webhookEvents} (id, merchant_id, type, payment_id, payload, created_at)
      values ${sql.join(rows, sql`, `)}
      returning id, merchant_id
    )
    insert into ${webhookDeliveries} (event_id, endpoint_id, merchant_id, next_attempt_at, give_up_at, created_at)
    select event.id, endpoint.id, endpoint.merchant_id, ${at}, ${new Date(now.getTime() + deliveryWindowMs).toISOString()}::timestamptz, ${at}
    from event join ${webhookEndpoints} endpoint on endpoint.merchant_id = event.merchant_id and endpoint.deleted_at is null`);
}
