import { sql } from "drizzle-orm";
import { bigint, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { merchants } from "./accounts";

/**
 * WeChat's funds flow of a merchant as imported from `/shop/funds/scanorderflow` + `getorderflow`:
 * one row per WeChat flow id, amounts signed in fen (income positive, expense negative).
 */
export const wechatFundsFlows = pgTable("wechat_funds_flows", {
  id: uuid("id").primaryKey().defaultRandom(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id, { onDelete: "restrict" }),
  fundsFlowId: text("funds_flow_id").notNull(),
  // The China calendar day WeChat booked it on (the `date` the list was read for).
  bookkeepingDate: date("bookkeeping_date", { mode: "string" }).notNull(),
  bookkeepingTime: text("bookkeeping_time"),
  type: text("type"),
  flowType: text("flow_type"),
  busiType: text("busi_type"),
  requestNo: text("request_no"),
  amountMinor: bigint("amount_minor", { mode: "number" }).notNull(),
  importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("wechat_funds_flows_once").on(t.merchantId, t.fundsFlowId),
  // Reconciliation reads one merchant's day.
  index("wechat_funds_flows_day_idx").on(t.merchantId, t.bookkeepingDate),
]);

/** A merchant's day whose funds flow was imported whole: the reconciliation trusts only these. */
export const wechatFundsFlowDays = pgTable("wechat_funds_flow_days", {
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id, { onDelete: "restrict" }),
  day: date("day", { mode: "string" }).notNull(),
  flows: integer("flows").notNull(),
  importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.merchantId, t.day] })]);

/**
 * The last time the console read a merchant's WeChat balance (getbalance), with its own CNY ledger
 * at that moment: WeChat is the authority for money, so support is shown where the two differ.
 */
export const wechatBalanceChecks = pgTable("wechat_balance_checks", {
  merchantId: uuid("merchant_id").primaryKey().references(() => merchants.id, { onDelete: "restrict" }),
  wechatAvailableMinor: bigint("wechat_available_minor", { mode: "number" }).notNull(),
  wechatPendingMinor: bigint("wechat_pending_minor", { mode: "number" }).notNull(),
  ledgerAvailableMinor: bigint("ledger_available_minor", { mode: "number" }).notNull(),
  ledgerPendingMinor: bigint("ledger_pending_minor", { mode: "number" }).notNull(),
  // The console's total less WeChat's (available plus pending): positive when the console counts more.
  differenceMinor: bigint("difference_minor", { mode: "number" }).notNull(),
  checkedAt: timestamp("checked_at", { withTimezone: true }).notNull(),
}, (t) => [
  // The Reconciliation page lists only the merchants whose balances differ.
  index("wechat_balance_checks_differing_idx").on(t.checkedAt).where(sql`${t.differenceMinor} <> 0`),
]);
