import { bigint, date, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * The funds sandbox, playing WeChat for `/shop/funds/*` per appid: its withdrawals (keyed like
 * WeChat's, by out_request_no) with the QR code's scan state.
 */
export const sandboxFundsWithdrawals = pgTable("sandbox_funds_withdrawals", {
  outRequestNo: text("out_request_no").primaryKey(),
  appid: text("appid").notNull(),
  amount: bigint("amount", { mode: "number" }).notNull(),
  remark: text("remark").notNull().default(""),
  bankMemo: text("bank_memo").notNull().default(""),
  qrcodeTicket: text("qrcode_ticket").notNull(),
  // qrcode/check status: 0 not scanned, 4 scanned, 1 confirmed, 2 cancelled, 3 expired.
  scanStatus: integer("scan_status").notNull().default(0),
  // getwithdrawdetail status: BEFORE_SCAN_QRCODE, AFTER_SCAN_QRCODE, CREATE_SUCCESS, SUCCESS, FAIL, REFUND, CLOSE.
  status: text("status").notNull().default("BEFORE_SCAN_QRCODE"),
  reason: text("reason").notNull().default(""),
  qrcodeExpiresAt: timestamp("qrcode_expires_at", { withTimezone: true }).notNull(),
  // When the bank's next answer is due (after the scan is confirmed).
  nextStepAt: timestamp("next_step_at", { withTimezone: true }),
  createTime: timestamp("create_time", { withTimezone: true }).notNull(),
  updateTime: timestamp("update_time", { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex("sandbox_funds_withdrawals_ticket").on(t.qrcodeTicket),
  index("sandbox_funds_withdrawals_list_idx").on(t.appid, t.createTime),
]);

/** The sandbox's funds flow per appid; the balance is its sum (available once `settles_at` passed). */
export const sandboxFundsFlows = pgTable("sandbox_funds_flows", {
  fundsFlowId: text("funds_flow_id").primaryKey(),
  appid: text("appid").notNull(),
  // 交易 / 提现 / 提现退票 …, as getorderflow's `type`.
  type: text("type").notNull(),
  busiType: text("busi_type").notNull(),
  requestNo: text("request_no").notNull(),
  amount: bigint("amount", { mode: "number" }).notNull(),
  bookkeepingTime: timestamp("bookkeeping_time", { withTimezone: true }).notNull(),
  settlesAt: timestamp("settles_at", { withTimezone: true }).notNull(),
}, (t) => [
  index("sandbox_funds_flows_day_idx").on(t.appid, t.bookkeepingTime),
  uniqueIndex("sandbox_funds_flows_once").on(t.appid, t.busiType, t.type, t.requestNo),
]);

/** The sandbox's settlement account per appid (sealed), and a change waiting for the bank's check. */
export const sandboxFundsBankAccounts = pgTable("sandbox_funds_bank_accounts", {
  appid: text("appid").primaryKey(),
  accountSealed: text("account_sealed"),
  pendingSealed: text("pending_sealed"),
  verifyAt: timestamp("verify_at", { withTimezone: true }),
  verifyFailReason: text("verify_fail_reason").notNull().default(""),
  // setbankaccount calls today (WeChat allows five a day).
  changesDay: date("changes_day", { mode: "string" }),
  changes: integer("changes").notNull().default(0),
});
