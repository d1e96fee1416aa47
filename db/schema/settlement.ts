import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { merchants, users } from "./accounts";

/** The bank account's columns, kept alike by the account in use and a requested change. */
const bankAccountColumns = () => ({
  bankAccountType: text("bank_account_type").notNull(),
  accountBank: text("account_bank").notNull(),
  bankAddressCode: text("bank_address_code").notNull(),
  bankBranchId: text("bank_branch_id"),
  bankName: text("bank_name"),
  accountNameSealed: text("account_name_sealed").notNull(),
  accountNumberSealed: text("account_number_sealed").notNull(),
});

/** The account withdrawals are paid to; name and number only sealed (lib/crypto/at-rest). */
export const settlementAccounts = pgTable("settlement_accounts", {
  merchantId: uuid("merchant_id").primaryKey().references(() => merchants.id, { onDelete: "restrict" }),
  ...bankAccountColumns(),
  changeId: uuid("change_id"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const settlementChangeStatus = pgEnum("settlement_change_status", ["pending", "succeeded", "failed"]);
export type SettlementChangeStatus = (typeof settlementChangeStatus.enumValues)[number];

/** A requested change of settlement account: verified first, used only once it succeeded. */
export const settlementAccountChanges = pgTable("settlement_account_changes", {
  id: uuid("id").primaryKey().defaultRandom(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id, { onDelete: "restrict" }),
  status: settlementChangeStatus("status").notNull().default("pending"),
  ...bankAccountColumns(),
  accountMasked: text("account_masked").notNull(),
  reason: text("reason"),
  verifyAt: timestamp("verify_at", { withTimezone: true }),
  // When setbankaccount was accepted by WeChat; from then on getbankaccount says when it is in force.
  submittedAt: timestamp("submitted_at", { withTimezone: true }),
  requestedBy: uuid("requested_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  decidedAt: timestamp("decided_at", { withTimezone: true }),
}, (t) => [
  // The daily limit counts a merchant's requests since midnight; the list shows the latest.
  index("settlement_changes_merchant_idx").on(t.merchantId, t.createdAt),
  index("settlement_changes_due_idx").on(t.verifyAt).where(sql`${t.status} = 'pending'`),
]);
