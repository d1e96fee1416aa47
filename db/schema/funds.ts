import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { merchants, users } from "./accounts";

/** The provider's payment statuses (seed 003); SUCCEEDED and CANCELLED are final. */
export const paymentStatus = pgEnum("payment_status", ["PENDING", "SUCCEEDED", "CANCELLED"]);
export type PaymentStatus = (typeof paymentStatus.enumValues)[number];

/**
 * A payment as the provider last reported it. `created_at` is the provider's create_time, so the
 * list sorts by when the shopper paid, not when we heard of it. Amounts are integer minor units.
 */
export const payments = pgTable("payments", {
  id: uuid("id").primaryKey().defaultRandom(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id, { onDelete: "restrict" }),
  orderId: text("order_id").notNull(),
  merchantOrderId: text("merchant_order_id").notNull(),
  amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
  currency: text("currency").notNull(),
  status: paymentStatus("status").notNull(),
  description: text("description"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  paidAt: timestamp("paid_at", { withTimezone: true }),
  // When the provider was last asked (query after a notification, or Refresh).
  queriedAt: timestamp("queried_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("payments_order_id_key").on(t.orderId),
  // Search by merchant_order_id, and the merchant's own uniqueness of it.
  uniqueIndex("payments_merchant_order_key").on(t.merchantId, t.merchantOrderId),
  // Keyset list: WHERE merchant_id = ? ORDER BY created_at DESC, id DESC (a backward scan; the
  // default DESC is NULLS FIRST, which an index declared DESC NULLS LAST would not serve).
  index("payments_list_keyset_idx").on(t.merchantId, t.createdAt, t.id),
  // The same list filtered by status.
  index("payments_list_status_keyset_idx").on(t.merchantId, t.status, t.createdAt, t.id),
  // The same list filtered by currency (amount ranges are only meaningful within one currency).
  index("payments_list_currency_keyset_idx").on(t.merchantId, t.currency, t.createdAt, t.id),
  // Summary tiles and the daily chart read a time range of one merchant: covered, so index-only.
  index("payments_summary_idx").on(t.merchantId, t.createdAt, t.status, t.currency, t.amountMinor),
  check("payments_amount_nonnegative", sql`${t.amountMinor} >= 0`),
]);

/** Every status change of a payment (and each time the provider was asked), for the timeline. */
export const paymentEvents = pgTable("payment_events", {
  id: uuid("id").primaryKey().defaultRandom(),
  paymentId: uuid("payment_id").notNull().references(() => payments.id, { onDelete: "cascade" }),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id, { onDelete: "restrict" }),
  // notification | refresh | create
  source: text("source").notNull(),
  fromStatus: paymentStatus("from_status"),
  toStatus: paymentStatus("to_status").notNull(),
  // What happened when a report was ignored (e.g. a late PENDING after SUCCEEDED).
  note: text("note"),
  actorId: uuid("actor_id").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("payment_events_timeline_idx").on(t.paymentId, t.createdAt)]);

/**
 * The webhook inbox: one row per distinct notification (dedupe key), recorded before answering the
 * provider, then processed (query + apply) once by whichever instance claims it.
 */
export const paymentNotifications = pgTable("payment_notifications", {
  id: uuid("id").primaryKey().defaultRandom(),
  dedupeKey: text("dedupe_key").notNull(),
  nonce: text("nonce").notNull(),
  notifyType: text("notify_type").notNull(),
  orderId: text("order_id").notNull(),
  merchantOrderId: text("merchant_order_id"),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  deliveries: integer("deliveries").notNull().default(1),
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
  processedAt: timestamp("processed_at", { withTimezone: true }),
  lastError: text("last_error"),
}, (t) => [
  uniqueIndex("payment_notifications_dedupe_key").on(t.dedupeKey),
  // Drain: the unprocessed ones that are due.
  index("payment_notifications_due_idx").on(t.nextAttemptAt).where(sql`${t.processedAt} is null`),
]);

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

/** WeChat's sub-merchant withdrawal states, lower-cased: CREATE_SUCCESS, SUCCESS, FAIL, CLOSE, REFUND (bank return). */
export const withdrawalStatus = pgEnum("withdrawal_status", ["created", "succeeded", "failed", "closed", "returned"]);
export type WithdrawalStatus = (typeof withdrawalStatus.enumValues)[number];

export const withdrawals = pgTable("withdrawals", {
  id: uuid("id").primaryKey().defaultRandom(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id, { onDelete: "restrict" }),
  idempotencyKey: text("idempotency_key").notNull(),
  amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
  currency: text("currency").notNull(),
  status: withdrawalStatus("status").notNull().default("created"),
  // Masked copy of the account paid to, as it was when requested.
  accountMasked: text("account_masked").notNull(),
  bankName: text("bank_name").notNull(),
  reason: text("reason"),
  // Sandbox: when the bank's next answer is due.
  nextCheckAt: timestamp("next_check_at", { withTimezone: true }),
  requestedBy: uuid("requested_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("withdrawals_idempotency_key").on(t.merchantId, t.idempotencyKey),
  index("withdrawals_list_keyset_idx").on(t.merchantId, t.createdAt, t.id),
  index("withdrawals_due_idx").on(t.nextCheckAt).where(sql`${t.nextCheckAt} is not null`),
  check("withdrawals_amount_positive", sql`${t.amountMinor} > 0`),
]);

export const withdrawalEvents = pgTable("withdrawal_events", {
  id: uuid("id").primaryKey().defaultRandom(),
  withdrawalId: uuid("withdrawal_id").notNull().references(() => withdrawals.id, { onDelete: "cascade" }),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id, { onDelete: "restrict" }),
  fromStatus: withdrawalStatus("from_status"),
  toStatus: withdrawalStatus("to_status").notNull(),
  reason: text("reason"),
  actorId: uuid("actor_id").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("withdrawal_events_timeline_idx").on(t.withdrawalId, t.createdAt)]);

/** The account withdrawals are paid to; name and number only sealed (lib/crypto/at-rest). */
export const settlementAccounts = pgTable("settlement_accounts", {
  merchantId: uuid("merchant_id").primaryKey().references(() => merchants.id, { onDelete: "restrict" }),
  bankAccountType: text("bank_account_type").notNull(),
  accountBank: text("account_bank").notNull(),
  bankAddressCode: text("bank_address_code").notNull(),
  bankBranchId: text("bank_branch_id"),
  bankName: text("bank_name"),
  accountNameSealed: text("account_name_sealed").notNull(),
  accountNumberSealed: text("account_number_sealed").notNull(),
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
  bankAccountType: text("bank_account_type").notNull(),
  accountBank: text("account_bank").notNull(),
  bankAddressCode: text("bank_address_code").notNull(),
  bankBranchId: text("bank_branch_id"),
  bankName: text("bank_name"),
  accountNameSealed: text("account_name_sealed").notNull(),
  accountNumberSealed: text("account_number_sealed").notNull(),
  accountMasked: text("account_masked").notNull(),
  reason: text("reason"),
  verifyAt: timestamp("verify_at", { withTimezone: true }),
  requestedBy: uuid("requested_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  decidedAt: timestamp("decided_at", { withTimezone: true }),
}, (t) => [
  // The daily limit counts a merchant's requests since midnight; the list shows the latest.
  index("settlement_changes_merchant_idx").on(t.merchantId, t.createdAt),
  index("settlement_changes_due_idx").on(t.verifyAt).where(sql`${t.status} = 'pending'`),
]);

/** Sandbox provider: the payments it holds, as the real provider would (amounts as decimal strings). */
export const sandboxPayments = pgTable("sandbox_payments", {
  orderId: text("order_id").primaryKey(),
  merchantOrderId: text("merchant_order_id").notNull(),
  subMerchantId: text("sub_merchant_id").notNull(),
  amount: text("amount").notNull(),
  currency: text("currency").notNull(),
  status: text("status").notNull(),
  description: text("description").notNull(),
  notifyUrl: text("notify_url"),
  createTime: timestamp("create_time", { withTimezone: true }).notNull(),
  payTime: timestamp("pay_time", { withTimezone: true }),
}, (t) => [uniqueIndex("sandbox_payments_merchant_order_key").on(t.subMerchantId, t.merchantOrderId)]);

/** Sandbox provider's signing key pair (a test key, not a secret of anyone's), created once, shared by all instances. */
export const providerSandboxKeys = pgTable("provider_sandbox_keys", {
  serial: text("serial").primaryKey(),
  privateKeyPem: text("private_key_pem").notNull(),
  publicKeyPem: text("public_key_pem").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
