import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { payments } from "@/db/schema";
import { logger } from "@/lib/runtime/logger";
import { applyProviderPayment } from "./apply-payment";
import { ProviderError, queryPaymentIntent, type PaymentProvider } from "./provider";

/** The first query of a new payment: the shopper needs a few seconds to confirm in WeChat. */
export const firstQueryDelayMs = 10_000;

/** Seconds between queries of a PENDING payment: quick while the shopper is paying, then sparse. */
const scheduleSeconds = [10, 20, 30, 60, 120, 300, 600, 900, 1800];

/**
 * When to ask next about a payment still PENDING after `attempts` queries, or null to stop: the
 * provider cancels an unpaid order after its timeout, so one more query follows that moment and
 * then polling ends (the webhook stays the fast path throughout).
 */
export function nextQueryAt(createdAt: Date, attempts: number, now: Date, pendingTimeoutMinutes: number): Date | null {
  const finalCheck = new Date(createdAt.getTime() + pendingTimeoutMinutes * 60_000 + 60_000);
  if (now.getTime() >= finalCheck.getTime()) return null;
  const next = new Date(now.getTime() + scheduleSeconds[Math.min(attempts, scheduleSeconds.length - 1)]! * 1000);
  return next < finalCheck ? next : finalCheck;
}

type Claimed = { id: string; order_id: string; merchant_order_id: string; created_at: string | Date; query_attempts: number };

/**
 * Seed 002 "query the payment result": claims PENDING payments that are due (SKIP LOCKED, so
 * instances share the work), queries the provider and applies its answer; a payment still PENDING
 * (or a query that failed, e.g. 429 or 5xx) is scheduled again. The jobs module calls this.
 */
export async function pollPendingPayments(
  db: Db,
  provider: PaymentProvider,
  options: { settlementDelayHours: number; pendingTimeoutMinutes: number; limit?: number; now?: Date },
): Promise<{ queried: number; settled: number; failed: number }> {
  const now = options.now ?? new Date();
  // The claim pushes next_query_at a minute ahead, so a crashed instance's payments come back.
  const claimed = await queryRows<Claimed>(db, sql`
    update payments set next_query_at = ${new Date(now.getTime() + 60_000).toISOString()}::timestamptz, query_attempts = query_attempts + 1
    where id in (
      select id from payments
      where status = 'PENDING' and next_query_at is not null and next_query_at <= ${now.toISOString()}::timestamptz
      order by next_query_at limit ${options.limit ?? 50}
      for update skip locked
    )
    returning id, order_id, merchant_order_id, created_at, query_attempts`);
  let settled = 0;
  let failed = 0;
  for (const row of claimed) {
    let still = true;
    try {
      const reported = await queryPaymentIntent(provider, { order_id: row.order_id, merchant_order_id: row.merchant_order_id });
      const result = await applyProviderPayment(db, reported, { source: "poll", settlementDelayHours: options.settlementDelayHours, now });
      still = result.to === "PENDING";
      if (!still) settled++;
    } catch (error) {
      failed++;
      logger.warn("payments.poll.failed", { paymentId: row.id, error: String((error as Error).message), permanent: error instanceof ProviderError && error.permanent });
    }
    if (still) {
      await db
        .update(payments)
        .set({ nextQueryAt: nextQueryAt(new Date(row.created_at), row.query_attempts, now, options.pendingTimeoutMinutes) })
        .where(sql`${payments.id} = ${row.id} and ${payments.status} = 'PENDING'`);
    }
  }
  return { queried: claimed.length, settled, failed };
}
