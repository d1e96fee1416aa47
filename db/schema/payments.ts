import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { merchants, users } from "./accounts";

/** The payment provider's statuses of a payment intent; SUCCEEDED and CANCELLED are final. */
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
  // The fee booked when the payment succeeded (0 until then), so rollups and the export need no join.
  feeMinor: bigint("fee_minor", { mode: "number" }).notNull().default(0),
  currency: text("currency").notNull(),
  status: paymentStatus("status").notNull(),
  description: text("description"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  paidAt: timestamp("paid_at", { withTimezone: true }),
  // When the provider was last asked (query after a notification, or Refresh).
  queriedAt: timestamp("queried_at", { withTimezone: true }),
  // The intent's next_action.data for wx.requestPayment, answered again to an idempotent retry.
  nextAction: jsonb("next_action").$type<Record<string, string>>(),
  // Polling a PENDING payment (the documented query of a payment's result): when next, how many so far.
  nextQueryAt: timestamp("next_query_at", { withTimezone: true }),
  queryAttempts: integer("query_attempts").notNull().default(0),
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
  // Amount-range filter: without it a range on a large merchant reads every row of the merchant.
  index("payments_amount_idx").on(t.merchantId, t.amountMinor),
  index("payments_poll_due_idx").on(t.nextQueryAt).where(sql`${t.status} = 'PENDING' and ${t.nextQueryAt} is not null`),
  check("payments_amount_nonnegative", sql`${t.amountMinor} >= 0`),
]);

/**
 * Per merchant, China day and currency: payments seen, succeeded, succeeded volume and fees. Kept by
 * a statement trigger on `payments` (migration `payment_rollup_trigger`), so it changes in the same
 * transaction as every payment insert, update or delete; the tiles and chart read only this.
 */
export const paymentDailyRollups = pgTable("payment_daily_rollups", {
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id, { onDelete: "restrict" }),
  day: date("day", { mode: "string" }).notNull(),
  currency: text("currency").notNull(),
  count: integer("count").notNull().default(0),
  succeeded: integer("succeeded").notNull().default(0),
  volumeMinor: bigint("volume_minor", { mode: "number" }).notNull().default(0),
  feesMinor: bigint("fees_minor", { mode: "number" }).notNull().default(0),
}, (t) => [primaryKey({ columns: [t.merchantId, t.day, t.currency] })]);

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
