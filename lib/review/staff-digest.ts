import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { queueStaffNotice } from "@/lib/notifications/queue";
import { chinaToday } from "@/lib/time/china-time";
import { queueStatusFilters } from "./queue";

/** Waiting with support, or on its way to and at WeChat. */
export const digestStatuses = [...queueStatusFilters.pending_review, ...queueStatusFilters.submitted];
export const DIGEST_WAITING_MS = 24 * 3_600_000;
const DIGEST_MAX_LINES = 200;

export type WaitingApplication = { id: string; merchantName: string; status: string; since: string };

/** Applications of active merchants that have been in their current state for longer than a day, longest first. */
export async function applicationsWaiting(db: Db, now: Date): Promise<WaitingApplication[]> {
  const cutoff = new Date(now.getTime() - DIGEST_WAITING_MS).toISOString();
  const rows = await queryRows<{ id: string; merchant_name: string; status: string; since: string | Date }>(
    db,
    sql`select a.id, m.name as merchant_name, a.status::text as status, s.since
        from applications a
        join merchants m on m.id = a.merchant_id
        cross join lateral (
          select coalesce(max(e.created_at), a.updated_at) as since from application_events e
          where e.application_id = a.id and e.to_status = a.status
        ) s
        where a.status in ${sql.raw(`('${digestStatuses.join("','")}')`)} and m.deactivated_at is null and s.since < ${cutoff}
        order by s.since limit ${DIGEST_MAX_LINES}`,
  );
  return rows.map((r) => ({ id: r.id, merchantName: r.merchant_name, status: r.status, since: new Date(r.since).toISOString() }));
}

/**
 * Queues the staff's daily digest of applications waiting longer than a day: one per staff member
 * and China day, however often or wherever it runs; nothing when nothing waits.
 */
export async function sendStaffDigest(db: Db, now: Date = new Date()): Promise<{ rows: number }> {
  const waiting = await applicationsWaiting(db, now);
  if (waiting.length === 0) return { rows: 0 };
  const queued = await db.transaction((tx) =>
    queueStaffNotice(tx as unknown as Db, { eventKey: `staff-digest:${chinaToday(now)}`, kind: "staffDigest", content: { applications: waiting.map(({ merchantName, status, since }) => ({ merchantName, status, since })) } }),
  );
  return { rows: queued };
}
