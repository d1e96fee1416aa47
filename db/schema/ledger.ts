import { sql } from "drizzle-orm";
import { bigint, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { merchants } from "./accounts";
import { payments } from "./payments";

export type LedgerKind = "payment" | "fee" | "withdrawal" | "withdrawal_reversal";

/**
 * Every balance movement, signed, in minor units. Balances are sums: available where
 * `available_at <= now()`, pending otherwise. Unique per source so that a movement is booked once.
 */
export const ledgerEntries = pgTable("ledger_entries", {
  id: uuid("id").primaryKey().defaultRandom(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id, { onDelete: "restrict" }),
  currency: text("currency").notNull(),
  kind: text("kind").$type<LedgerKind>().notNull(),
  amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
  paymentId: uuid("payment_id").references(() => payments.id),
  withdrawalId: uuid("withdrawal_id"),
  availableAt: timestamp("available_at", { withTimezone: true }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("ledger_entries_once_per_payment").on(t.kind, t.paymentId).where(sql`${t.paymentId} is not null`),
  uniqueIndex("ledger_entries_once_per_withdrawal").on(t.kind, t.withdrawalId).where(sql`${t.withdrawalId} is not null`),
  // Balance sums and the movements list.
  index("ledger_entries_balance_idx").on(t.merchantId, t.currency, t.availableAt),
  index("ledger_entries_list_idx").on(t.merchantId, t.createdAt, t.id),
]);
