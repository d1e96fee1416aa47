import type { Db } from "@/db/client";
import { ledgerEntries } from "@/db/schema";

export type LedgerEntry = typeof ledgerEntries.$inferInsert;

/**
 * Books balance movements inside the caller's transaction. The ledger's unique indexes (one entry
 * per kind and payment or withdrawal) make a repeated booking a no-op, so retries never double-count.
 */
export async function postLedgerEntries(tx: Db, entries: LedgerEntry[]): Promise<void> {
  if (entries.length) await tx.insert(ledgerEntries).values(entries).onConflictDoNothing();
}
