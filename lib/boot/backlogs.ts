import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { wechatPending } from "@/lib/applications/lifecycle";

export const backlogQueues = [
  "wechat_queued",
  "wechat_in_review",
  "payments_pending",
  "notifications_unprocessed",
  "webhooks_undelivered",
  "withdrawals_in_flight",
  "settlement_changes_pending",
] as const;
export type BacklogQueue = (typeof backlogQueues)[number];

const inReview = sql.raw(`('${wechatPending.join("','")}')`);

/**
 * Rows waiting for background work, one count per queue in one round trip; each count is on a
 * column the queue's job claims by (most have a partial index), so this stays cheap.
 */
export async function countBacklogs(db: Db): Promise<Record<BacklogQueue, number>> {
  const [row] = await queryRows<Record<BacklogQueue, number | string>>(
    db,
    sql`select
      (select count(*) from wechat_submissions where state in ('pending', 'sending')) as wechat_queued,
      (select count(*) from applications where status in ${inReview}) as wechat_in_review,
      (select count(*) from payments where status = 'PENDING') as payments_pending,
      (select count(*) from payment_notifications where processed_at is null) as notifications_unprocessed,
      (select count(*) from webhook_deliveries where status = 'pending') as webhooks_undelivered,
      (select count(*) from withdrawals where status in ('submitting', 'awaiting_scan', 'created')) as withdrawals_in_flight,
      (select count(*) from settlement_account_changes where status = 'pending') as settlement_changes_pending`,
  );
  return Object.fromEntries(backlogQueues.map((queue) => [queue, Number(row?.[queue] ?? 0)])) as Record<BacklogQueue, number>;
}
