import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { merchants, users } from "./accounts";

/**
 * A withdrawal's states: `submitting` (recorded, `submitwithdraw` sent or about to be), then the
 * merchant's scan of WeChat's QR code (`awaiting_scan`, ending `scan_refused` or `scan_expired`),
 * then WeChat's withdrawal states lower-cased: CREATE_SUCCESS, SUCCESS, FAIL, CLOSE, REFUND (bank return).
 */
export const withdrawalStatus = pgEnum("withdrawal_status", ["submitting", "awaiting_scan", "scan_refused", "scan_expired", "created", "succeeded", "failed", "closed", "returned"]);
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
  // When WeChat should next be asked (scan status, then withdrawal detail); null once final.
  nextCheckAt: timestamp("next_check_at", { withTimezone: true }),
  // WeChat's answer to submitwithdraw: its withdrawal number and the ticket of the QR code to scan.
  outRequestNo: text("out_request_no"),
  qrcodeTicket: text("qrcode_ticket"),
  // qrcode/check `status` (0 not scanned, 4 scanned, 1 confirmed, 2 cancelled, 3 expired).
  scanStatus: integer("scan_status"),
  // WeChat's own withdrawal status as last read (BEFORE_SCAN_QRCODE … REFUND), for support.
  wechatStatus: text("wechat_status"),
  // When submitwithdraw was sent: a row still `submitting` long after is settled from WeChat's list.
  submittedAt: timestamp("submitted_at", { withTimezone: true }),
  requestedBy: uuid("requested_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("withdrawals_idempotency_key").on(t.merchantId, t.idempotencyKey),
  uniqueIndex("withdrawals_out_request_no_key").on(t.merchantId, t.outRequestNo).where(sql`${t.outRequestNo} is not null`),
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
