import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { withdrawalEvents, withdrawals } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/pagination/cursor";

/** The merchant's withdrawals, newest first, keyset-paginated. */
export async function listWithdrawals(db: Db, { merchantId, after, limit = 20 }: { merchantId: string; after?: string; limit?: number }) {
  const cursor = decodeCursor(after);
  const rows = await db
    .select()
    .from(withdrawals)
    .where(
      and(
        eq(withdrawals.merchantId, merchantId),
        cursor ? sql`(${withdrawals.createdAt}, ${withdrawals.id}) < (${new Date(cursor.at)}::timestamptz, ${cursor.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(withdrawals.createdAt), desc(withdrawals.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null };
}

export async function getWithdrawal(db: Db, { merchantId, id }: { merchantId: string; id: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("not_found", "This withdrawal does not exist.");
  const [withdrawal] = await db.select().from(withdrawals).where(and(eq(withdrawals.id, id), eq(withdrawals.merchantId, merchantId)));
  if (!withdrawal) throw new AppError("not_found", "This withdrawal does not exist.");
  const events = await db
    .select()
    .from(withdrawalEvents)
    .where(and(eq(withdrawalEvents.withdrawalId, id), eq(withdrawalEvents.merchantId, merchantId)))
    .orderBy(asc(withdrawalEvents.createdAt));
  return { withdrawal, events };
}
