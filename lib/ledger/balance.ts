import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { ledgerEntries } from "@/db/schema";
import { decodeCursor, encodeCursor } from "@/lib/pagination/cursor";

export type CurrencyBalance = { currency: string; available: number; pending: number; fees: number; withdrawn: number };

/**
 * Balances per currency, summed from the ledger: entries are available once `available_at` has
 * passed; a withdrawal's debit counts at once, whatever its `available_at` (a concurrent request's clock may be ahead).
 */
export async function getBalances(db: Db, { merchantId, now = new Date() }: { merchantId: string; now?: Date }): Promise<CurrencyBalance[]> {
  const rows = await db
    .select({
      currency: ledgerEntries.currency,
      available: sql<string>`coalesce(sum(${ledgerEntries.amountMinor}) filter (where ${ledgerEntries.availableAt} <= ${now} or ${ledgerEntries.kind} = 'withdrawal'), 0)`,
      pending: sql<string>`coalesce(sum(${ledgerEntries.amountMinor}) filter (where ${ledgerEntries.availableAt} > ${now} and ${ledgerEntries.kind} <> 'withdrawal'), 0)`,
      fees: sql<string>`coalesce(-sum(${ledgerEntries.amountMinor}) filter (where ${ledgerEntries.kind} = 'fee'), 0)`,
      withdrawn: sql<string>`coalesce(-sum(${ledgerEntries.amountMinor}) filter (where ${ledgerEntries.kind} in ('withdrawal', 'withdrawal_reversal')), 0)`,
    })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.merchantId, merchantId))
    .groupBy(ledgerEntries.currency)
    .orderBy(ledgerEntries.currency);
  return rows.map((r) => ({ currency: r.currency, available: Number(r.available), pending: Number(r.pending), fees: Number(r.fees), withdrawn: Number(r.withdrawn) }));
}

/** The available balance of one currency; call inside the transaction that holds the merchant lock. */
export async function availableBalance(db: Db, merchantId: string, currency: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ available: sql<string>`coalesce(sum(${ledgerEntries.amountMinor}), 0)` })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.merchantId, merchantId), eq(ledgerEntries.currency, currency), sql`(${ledgerEntries.availableAt} <= ${now} or ${ledgerEntries.kind} = 'withdrawal')`));
  return Number(row?.available ?? 0);
}

/** Every movement, newest first, keyset-paginated on (created_at, id). */
export async function listLedgerEntries(db: Db, { merchantId, after, limit = 50 }: { merchantId: string; after?: string; limit?: number }) {
  const cursor = decodeCursor(after);
  const rows = await db
    .select()
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.merchantId, merchantId),
        cursor ? sql`(${ledgerEntries.createdAt}, ${ledgerEntries.id}) < (${new Date(cursor.at)}::timestamptz, ${cursor.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(ledgerEntries.createdAt), desc(ledgerEntries.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null };
}
