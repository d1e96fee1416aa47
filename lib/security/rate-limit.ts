import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { rateLimitBuckets } from "@/db/schema";

/**
 * Counts one hit on `key` in a fixed window and answers the count so far, in one statement so
 * that concurrent hits on several instances never lose an increment.
 */
export async function hitBucket(db: Db, key: string, windowSeconds: number, now: Date = new Date()): Promise<number> {
  const windowStart = new Date(now.getTime() - windowSeconds * 1000);
  const rows = await queryRows<{ count: number }>(
    db,
    sql`insert into ${rateLimitBuckets} (key, window_start, count) values (${key}, ${now.toISOString()}, 1)
        on conflict (key) do update set
          count = case when ${rateLimitBuckets.windowStart} <= ${windowStart.toISOString()} then 1 else ${rateLimitBuckets.count} + 1 end,
          window_start = case when ${rateLimitBuckets.windowStart} <= ${windowStart.toISOString()} then ${now.toISOString()}::timestamptz else ${rateLimitBuckets.windowStart} end
        returning count`,
  );
  return Number(rows[0]!.count);
}

/** The hits counted in the bucket's current window (0 once the window has ended). */
export async function bucketCount(db: Db, key: string, windowSeconds: number, now: Date = new Date()): Promise<number> {
  const windowStart = new Date(now.getTime() - windowSeconds * 1000);
  const rows = await queryRows<{ count: number }>(
    db,
    sql`select count from ${rateLimitBuckets} where key = ${key} and ${rateLimitBuckets.windowStart} > ${windowStart.toISOString()}`,
  );
  return Number(rows[0]?.count ?? 0);
}

export async function clearBucket(db: Db, key: string): Promise<void> {
  await db.execute(sql`delete from ${rateLimitBuckets} where key = ${key}`);
}

/** Drops windows that ended long ago; cheap enough to run now and then. */
export async function pruneBuckets(db: Db, olderThanSeconds: number, now: Date = new Date()): Promise<void> {
  await db.execute(sql`delete from ${rateLimitBuckets} where window_start < ${new Date(now.getTime() - olderThanSeconds * 1000).toISOString()}`);
}
