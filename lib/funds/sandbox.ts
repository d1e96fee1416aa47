import { randomBytes, randomInt } from "node:crypto";
import { and, asc, desc, eq, gte, lt, lte, sql } from "drizzle-orm";
import QRCode from "qrcode";
import type { Db } from "@/db/client";
import { sandboxFundsBankAccounts, sandboxFundsFlows, sandboxFundsWithdrawals } from "@/db/schema";
import { openString, sealString, type KeyRing } from "@/lib/crypto/at-rest";
import type { FundsTransport } from "./gateway";
import { sandboxAccountVerification, sandboxWithdrawalStep } from "./sandbox-bank";

/**
 * WeChat's funds API for Mini Program shops played by the console when no credentials are set.
 * Written from the pages cited in lib/funds/gateway.ts, answering their documented shapes and
 * errcodes, per appid, with its state in the database so every instance sees the same WeChat.
 * Only the controls (`scan`, `bookOrder`) are the sandbox's own: they stand for the merchant's
 * phone and for shoppers paying.
 */
export type FundsSandboxOptions = {
  db: Db;
  keyRing: KeyRing;
  now?: () => Date;
  /** submitwithdraw's documented limit is one a day (9700101); tests may raise it. */
  withdrawalsPerDay?: number;
  /** How long a QR code can be scanned before qrcode/check says 3 (expired). */
  qrcodeSeconds?: number;
  /** Seconds between the bank's answers once the merchant confirmed. */
  stepSeconds?: number;
  /** Seconds before a new settlement account is verified. */
  verifySeconds?: number;
};

const ok = (extra: Record<string, unknown> = {}) => ({ errcode: 0, errmsg: "ok", ...extra });
const wxError = (errcode: number, errmsg: string) => ({ errcode, errmsg });
const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
const yuan = (fen: number) => (Math.abs(fen) / 100).toFixed(2);
const seconds = (at: Date) => Math.floor(at.getTime() / 1000);
const bookkeeping = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");

export function createFundsSandbox(options: FundsSandboxOptions) {
  const { db, keyRing } = options;
  const now = options.now ?? (() => new Date());
  const perDay = options.withdrawalsPerDay ?? 1;
  const qrcodeSeconds = options.qrcodeSeconds ?? 300;
  const stepSeconds = options.stepSeconds ?? 2;
  const verifySeconds = options.verifySeconds ?? 2;

  async function balance(appid: string, at: Date) {
    const [row] = await db
      .select({
        available: sql<string>`coalesce(sum(${sandboxFundsFlows.amount}) filter (where ${sandboxFundsFlows.settlesAt} <= ${at}), 0)`,
        pending: sql<string>`coalesce(sum(${sandboxFundsFlows.amount}) filter (where ${sandboxFundsFlows.settlesAt} > ${at}), 0)`,
      })
      .from(sandboxFundsFlows)
      .where(eq(sandboxFundsFlows.appid, appid));
    return { available: Number(row?.available ?? 0), pending: Number(row?.pending ?? 0) };
  }

  async function bookFlow(appid: string, flow: { type: string; busiType: string; requestNo: string; amount: number; at: Date; settlesAt?: Date }) {
    await db
      .insert(sandboxFundsFlows)
      .values({ fundsFlowId: `${seconds(flow.at)}${randomInt(1e9).toString().padStart(9, "0")}`, appid, type: flow.type, busiType: flow.busiType, requestNo: flow.requestNo, amount: flow.amount, bookkeepingTime: flow.at, settlesAt: flow.settlesAt ?? flow.at })
      .onConflictDoNothing();
  }

  /** The QR code has been shown long enough: unscanned or unconfirmed, it expires. */
  async function expireIfDue(row: typeof sandboxFundsWithdrawals.$inferSelect, at: Date) {
    if ((row.scanStatus === 0 || row.scanStatus === 4) && row.qrcodeExpiresAt <= at) {
      await db
        .update(sandboxFundsWithdrawals)
        .set({ scanStatus: 3, status: "CLOSE", reason: "二维码已失效", updateTime: at })
        .where(and(eq(sandboxFundsWithdrawals.outRequestNo, row.outRequestNo), eq(sandboxFundsWithdrawals.scanStatus, row.scanStatus)));
      return { ...row, scanStatus: 3, status: "CLOSE", reason: "二维码已失效" };
    }
    return row;
  }

  /** The bank's next answer once due, applied once (conditional on the status it was read in). */
  async function advanceIfDue(row: typeof sandboxFundsWithdrawals.$inferSelect, at: Date) {
    if (!row.nextStepAt || row.nextStepAt > at) return row;
    const current = row.status === "CREATE_SUCCESS" ? "created" : row.status === "SUCCESS" ? "succeeded" : null;
    const step = current ? sandboxWithdrawalStep(current, row.amount) : null;
    const status = step ? { succeeded: "SUCCESS", failed: "FAIL", closed: "CLOSE", returned: "REFUND" }[step.to as "succeeded"] ?? row.status : row.status;
    const reason = step?.reason ? { bank_rejected: "银行卡信息有误", closed_by_bank: "银行关单", account_closed: "银行退票：账户已销户" }[step.reason] ?? step.reason : row.reason;
    const updated = await db
      .update(sandboxFundsWithdrawals)
      .set({ status, reason, updateTime: at, nextStepAt: step?.again ? new Date(at.getTime() + stepSeconds * 1000) : null })
      .where(and(eq(sandboxFundsWithdrawals.outRequestNo, row.outRequestNo), eq(sandboxFundsWithdrawals.status, row.status)))
      .returning({ status: sandboxFundsWithdrawals.status });
    if (updated.length && status !== row.status) {
      // Money that does not reach the bank, or comes back from it, returns to the balance.
      if (status === "FAIL" || status === "CLOSE") await bookFlow(row.appid, { type: "提现失败", busiType: "提现", requestNo: row.outRequestNo, amount: row.amount, at });
      if (status === "REFUND") await bookFlow(row.appid, { type: "提现退票", busiType: "提现", requestNo: row.outRequestNo, amount: row.amount, at });
    }
    const [fresh] = await db.select().from(sandboxFundsWithdrawals).where(eq(sandboxFundsWithdrawals.outRequestNo, row.outRequestNo));
    return fresh ?? row;
  }

  async function byTicket(ticket: unknown, appid: string) {
    if (typeof ticket !== "string" || !ticket) return null;
    const [row] = await db.select().from(sandboxFundsWithdrawals).where(and(eq(sandboxFundsWithdrawals.qrcodeTicket, ticket), eq(sandboxFundsWithdrawals.appid, appid)));
    return row ?? null;
  }

  async function handle(appid: string, path: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const at = now();
    switch (path) {
      case "/shop/funds/getbalance": {
        const b = await balance(appid, at);
        return ok({ balance_info: { available_amount: b.available, pending_amount: b.pending } });
      }
      case "/shop/funds/submitwithdraw": {
        const amount = body.amount;
        if (typeof amount !== "number" || !Number.isInteger(amount) || amount <= 0) return wxError(47001, "data format error: amount must be a whole number of fen");
        // One a day (submitwithdraw's 9700101): counted per appid and China day, under a row lock of nothing
        // but the insert itself, so two at once may both pass here; the console never sends two.
        const today = await db.$count(sandboxFundsWithdrawals, and(eq(sandboxFundsWithdrawals.appid, appid), gte(sandboxFundsWithdrawals.createTime, dayStart(chinaDay(at)))));
        if (today >= perDay) return wxError(9700101, "超出每日只能提现一次的限制");
        const outRequestNo = `wd${seconds(at)}${randomInt(1e12).toString().padStart(12, "0")}`;
        const ticket = randomBytes(12).toString("hex");
        await db.insert(sandboxFundsWithdrawals).values({
          outRequestNo,
          appid,
          amount,
          remark: typeof body.remark === "string" ? body.remark : "",
          bankMemo: typeof body.bank_memo === "string" ? body.bank_memo : "",
          qrcodeTicket: ticket,
          qrcodeExpiresAt: new Date(at.getTime() + qrcodeSeconds * 1000),
          createTime: at,
          updateTime: at,
        });
        return ok({ out_request_no: outRequestNo, qrcode_ticket: ticket });
      }
      case "/shop/funds/qrcode/get": {
        const row = await byTicket(body.qrcode_ticket, appid);
        if (!row) return wxError(60208, "错误的ticket");
        const current = await expireIfDue(row, at);
        if (current.scanStatus === 3) return wxError(60220, "ticket已失效");
        const png = await QRCode.toBuffer(`wxfunds-sandbox:${row.qrcodeTicket}`, { type: "png", margin: 1, width: 240 });
        return ok({ qrcode_buf: png.toString("base64") });
      }
      case "/shop/funds/qrcode/check": {
        const row = await byTicket(body.qrcode_ticket, appid);
        if (!row) return wxError(60208, "错误的ticket");
        const current = await expireIfDue(row, at);
        return ok({ status: current.scanStatus, self_check_err_code: 0, self_check_err_msg: "", scan_user_type: 1 });
      }
      case "/shop/funds/getwithdrawdetail": {
        const [found] = await db.select().from(sandboxFundsWithdrawals).where(and(eq(sandboxFundsWithdrawals.outRequestNo, String(body.out_request_no ?? "")), eq(sandboxFundsWithdrawals.appid, appid)));
        if (!found) return wxError(9710001, "暂无数据");
        const row = await advanceIfDue(await expireIfDue(found, at), at);
        return ok({
          withdraw_info: {
            amount: row.amount,
            create_time: seconds(row.createTime),
            update_time: seconds(row.updateTime),
            reason: row.reason,
            remark: row.remark,
            bank_memo: row.bankMemo,
            bank_name: "",
            bank_num: "",
            status: row.status,
          },
        });
      }
      case "/shop/funds/scanwithdraw": {
        const page = Number(body.page_num), size = Number(body.page_size);
        if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1 || size > 100) return wxError(47001, "data format error: page_num from 1, page_size 1–100");
        const where = eq(sandboxFundsWithdrawals.appid, appid);
        const total = await db.$count(sandboxFundsWithdrawals, where);
        if (total === 0) return wxError(9710001, "暂无数据");
        const rows = await db.select({ no: sandboxFundsWithdrawals.outRequestNo }).from(sandboxFundsWithdrawals).where(where).orderBy(desc(sandboxFundsWithdrawals.createTime), desc(sandboxFundsWithdrawals.outRequestNo)).limit(size).offset((page - 1) * size);
        return ok({ out_request_nos: rows.map((r) => r.no), total_num: total });
      }
      case "/shop/funds/getbankaccount": {
        let [row] = await db.select().from(sandboxFundsBankAccounts).where(eq(sandboxFundsBankAccounts.appid, appid));
        if (row?.pendingSealed && row.verifyAt && row.verifyAt <= at) {
          const pending = JSON.parse(openString(keyRing, row.pendingSealed)) as { account_number: string };
          const verdict = sandboxAccountVerification(pending.account_number);
          await db
            .update(sandboxFundsBankAccounts)
            .set(verdict.ok ? { accountSealed: row.pendingSealed, pendingSealed: null, verifyAt: null, verifyFailReason: "" } : { pendingSealed: null, verifyAt: null, verifyFailReason: "开户名称与银行账户户名不一致" })
            .where(and(eq(sandboxFundsBankAccounts.appid, appid), eq(sandboxFundsBankAccounts.pendingSealed, row.pendingSealed)));
          [row] = await db.select().from(sandboxFundsBankAccounts).where(eq(sandboxFundsBankAccounts.appid, appid));
        }
        return ok({ ...(row?.accountSealed ? { account_info: JSON.parse(openString(keyRing, row.accountSealed)) } : {}), ...(row?.verifyFailReason ? { verify_fail_reason: row.verifyFailReason } : {}) });
      }
      case "/shop/funds/setbankaccount": {
        const info = body.account_info as Record<string, unknown> | undefined;
        const required = ["bank_account_type", "account_bank", "bank_address_code", "account_number"];
        const missing = required.filter((k) => typeof info?.[k] !== "string" || !(info[k] as string).trim());
        if (!info || missing.length) return wxError(400, `参数错误: ${missing.join(", ")}`);
        if (!["ACCOUNT_TYPE_BUSINESS", "ACCOUNT_TYPE_PRIVATE"].includes(String(info.bank_account_type))) return wxError(400, "参数错误: bank_account_type");
        const day = chinaDay(at);
        const [row] = await db.select().from(sandboxFundsBankAccounts).where(eq(sandboxFundsBankAccounts.appid, appid));
        const changes = row?.changesDay === day ? row.changes : 0;
        if (changes >= 5) return wxError(400, "每天允许修改结算账户的次数为5次");
        const values = { pendingSealed: sealString(keyRing, JSON.stringify(info)), verifyAt: new Date(at.getTime() + verifySeconds * 1000), verifyFailReason: "", changesDay: day, changes: changes + 1 };
        await db.insert(sandboxFundsBankAccounts).values({ appid, ...values }).onConflictDoUpdate({ target: sandboxFundsBankAccounts.appid, set: values });
        return ok();
      }
      case "/shop/funds/scanorderflow": {
        const page = Number(body.page_num), size = Number(body.page_size);
        const date = String(body.date ?? "");
        if (!/^\d{8}$/.test(date) || !Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1 || size > 100) return wxError(47001, "data format error: date as 20210101, page_num from 1, page_size ≤ 100");
        const start = dayStart(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}`);
        const where = and(eq(sandboxFundsFlows.appid, appid), gte(sandboxFundsFlows.bookkeepingTime, start), lt(sandboxFundsFlows.bookkeepingTime, new Date(start.getTime() + 86_400_000)), lte(sandboxFundsFlows.bookkeepingTime, at));
        const total = await db.$count(sandboxFundsFlows, where);
        if (total === 0) return wxError(9710001, "暂无数据");
        const rows = await db.select({ id: sandboxFundsFlows.fundsFlowId }).from(sandboxFundsFlows).where(where).orderBy(asc(sandboxFundsFlows.bookkeepingTime), asc(sandboxFundsFlows.fundsFlowId)).limit(size).offset((page - 1) * size);
        return ok({ funds_flow_ids: rows.map((r) => r.id), total_num: total });
      }
      case "/shop/funds/getorderflow": {
        const id = String(body.funds_flow_id ?? body.funds_flow_no ?? "");
        const [flow] = await db.select().from(sandboxFundsFlows).where(and(eq(sandboxFundsFlows.fundsFlowId, id), eq(sandboxFundsFlows.appid, appid)));
        if (!flow) return wxError(9710001, "暂无数据");
        const [after] = await db
          .select({ total: sql<string>`coalesce(sum(${sandboxFundsFlows.amount}), 0)` })
          .from(sandboxFundsFlows)
          .where(and(eq(sandboxFundsFlows.appid, appid), sql`(${sandboxFundsFlows.bookkeepingTime}, ${sandboxFundsFlows.fundsFlowId}) <= (${flow.bookkeepingTime}, ${flow.fundsFlowId})`));
        return ok({
          funds_flow: {
            bookkeeping_time: bookkeeping(flow.bookkeepingTime),
            funds_flow_id: flow.fundsFlowId,
            type: flow.type,
            flow_type: flow.amount < 0 ? "支出" : "收入",
            amount: yuan(flow.amount),
            balance: (Number(after?.total ?? 0) / 100).toFixed(2),
            busi_type: flow.busiType,
            request_no: flow.requestNo,
          },
        });
      }
      default:
        return wxError(404, "no such funds sandbox endpoint");
    }
  }

  return {
    /** The merchant's WeChat, as the gateway sees it. */
    transport: (appid: string): FundsTransport => (path, body) => handle(appid, path, body),

    /** Sandbox control standing for the merchant's phone: scan the QR code, then confirm or cancel in WeChat. */
    async scan(appid: string, ticket: string, outcome: "scanned" | "confirmed" | "cancelled"): Promise<boolean> {
      const at = now();
      const found = await byTicket(ticket, appid);
      if (!found) return false;
      const row = await expireIfDue(found, at);
      if (row.scanStatus !== 0 && row.scanStatus !== 4) return false;
      if (outcome === "scanned") {
        await db.update(sandboxFundsWithdrawals).set({ scanStatus: 4, status: "AFTER_SCAN_QRCODE", updateTime: at }).where(and(eq(sandboxFundsWithdrawals.outRequestNo, row.outRequestNo), eq(sandboxFundsWithdrawals.scanStatus, row.scanStatus)));
        return true;
      }
      if (outcome === "cancelled") {
        await db.update(sandboxFundsWithdrawals).set({ scanStatus: 2, status: "CLOSE", reason: "用户取消", updateTime: at }).where(and(eq(sandboxFundsWithdrawals.outRequestNo, row.outRequestNo), eq(sandboxFundsWithdrawals.scanStatus, row.scanStatus)));
        return true;
      }
      // Confirmed: WeChat accepts the withdrawal if the balance covers it, else it fails with the reason.
      const { available } = await balance(appid, at);
      const covered = available >= row.amount;
      const updated = await db
        .update(sandboxFundsWithdrawals)
        .set({ scanStatus: 1, status: covered ? "CREATE_SUCCESS" : "FAIL", reason: covered ? "" : "可提现余额不足", updateTime: at, nextStepAt: covered ? new Date(at.getTime() + stepSeconds * 1000) : null })
        .where(and(eq(sandboxFundsWithdrawals.outRequestNo, row.outRequestNo), eq(sandboxFundsWithdrawals.scanStatus, row.scanStatus)))
        .returning({ no: sandboxFundsWithdrawals.outRequestNo });
      if (updated.length && covered) await bookFlow(appid, { type: "提现", busiType: "提现", requestNo: row.outRequestNo, amount: -row.amount, at });
      return updated.length > 0;
    },

    /** Sandbox control standing for shoppers: an order paid through WeChat Pay lands in the balance (less the fee). */
    async bookOrder(appid: string, order: { requestNo: string; amount: number; fee: number; at: Date; settlesAt: Date }) {
      await bookFlow(appid, { type: "交易", busiType: "订单", requestNo: order.requestNo, amount: order.amount, at: order.at, settlesAt: order.settlesAt });
      if (order.fee > 0) await bookFlow(appid, { type: "手续费", busiType: "订单", requestNo: order.requestNo, amount: -order.fee, at: order.at, settlesAt: order.settlesAt });
    },

    /** Sandbox control for tests and demos: set the account WeChat has on file. */
    async setAccount(appid: string, account: Record<string, string>) {
      const values = { accountSealed: sealString(keyRing, JSON.stringify(account)) };
      await db.insert(sandboxFundsBankAccounts).values({ appid, ...values }).onConflictDoUpdate({ target: sandboxFundsBankAccounts.appid, set: values });
    },
  };
}

export type FundsSandbox = ReturnType<typeof createFundsSandbox>;
