import { and, eq, gte, inArray, lte, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { merchants, payments, wechatFundsFlowDays, wechatFundsFlows, withdrawals } from "@/db/schema";

export type DifferenceKind = "console_only" | "wechat_only" | "amount_differs";
export type Difference = {
  merchantId: string;
  merchantName: string;
  day: string;
  kind: DifferenceKind;
  record: "payment" | "withdrawal" | "flow";
  /** The id of the console's payment or withdrawal, or of the imported WeChat flow, for the link. */
  recordId: string;
  /** What both sides call it: the order id or WeChat's withdrawal number. */
  reference: string;
  consoleMinor: number | null;
  wechatMinor: number | null;
};

const isoDay = z.iso.date();
/** A range of at most 31 days, `from` ≤ `to`, both real dates. */
export const reconciliationRangeSchema = z
  .object({ from: isoDay, to: isoDay, merchantId: z.uuid().optional() })
  .refine((r) => r.from <= r.to && Date.parse(r.to) - Date.parse(r.from) <= 31 * 86_400_000, { message: "funds.reconciliation.range", path: ["to"] });

/** Withdrawals WeChat booked as an expense: confirmed by the scan (CREATE_SUCCESS onwards). */
const bookedWithdrawal = ["created", "succeeded", "returned"] as const;
/** The China day of a timestamp column, as `YYYY-MM-DD`. */
const chinaDayOf = (column: unknown) => sql<string>`to_char(${column} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;

/**
 * Per merchant and day, the console's payments and withdrawals against WeChat's imported funds
 * flow: in the console but not at WeChat, at WeChat but not in the console, and amounts that
 * differ. Only days whose flow was imported whole are compared. Payments are matched by order id
 * (the provider's, or the merchant's), withdrawals by WeChat's withdrawal number.
 */
export async function findDifferences(db: Db, range: { from: string; to: string; merchantId?: string }): Promise<Difference[]> {
  const days = await db
    .select({ merchantId: wechatFundsFlowDays.merchantId, day: wechatFundsFlowDays.day, name: merchants.name })
    .from(wechatFundsFlowDays)
    .innerJoin(merchants, eq(merchants.id, wechatFundsFlowDays.merchantId))
    .where(and(gte(wechatFundsFlowDays.day, range.from), lte(wechatFundsFlowDays.day, range.to), range.merchantId ? eq(wechatFundsFlowDays.merchantId, range.merchantId) : undefined));
  const out: Difference[] = [];
  const byMerchant = new Map<string, { name: string; days: Set<string> }>();
  for (const d of days) {
    const entry = byMerchant.get(d.merchantId) ?? { name: d.name, days: new Set<string>() };
    entry.days.add(d.day);
    byMerchant.set(d.merchantId, entry);
  }
  for (const [merchantId, { name, days: imported }] of byMerchant) {
    const from = new Date(`${range.from}T00:00:00+08:00`);
    const to = new Date(new Date(`${range.to}T00:00:00+08:00`).getTime() + 86_400_000);
    const [paid, withdrawn, flows] = await Promise.all([
      db
        .select({ id: payments.id, orderId: payments.orderId, merchantOrderId: payments.merchantOrderId, amountMinor: payments.amountMinor, day: chinaDayOf(payments.paidAt) })
        .from(payments)
        .where(and(eq(payments.merchantId, merchantId), eq(payments.status, "SUCCEEDED"), eq(payments.currency, "CNY"), gte(payments.paidAt, from), sql`${payments.paidAt} < ${to}`)),
      db
        .select({ id: withdrawals.id, outRequestNo: withdrawals.outRequestNo, amountMinor: withdrawals.amountMinor, day: chinaDayOf(withdrawals.createdAt) })
        .from(withdrawals)
        .where(and(eq(withdrawals.merchantId, merchantId), inArray(withdrawals.status, [...bookedWithdrawal]), gte(withdrawals.createdAt, from), sql`${withdrawals.createdAt} < ${to}`)),
      db.select().from(wechatFundsFlows).where(and(eq(wechatFundsFlows.merchantId, merchantId), gte(wechatFundsFlows.bookkeepingDate, range.from), lte(wechatFundsFlows.bookkeepingDate, range.to))),
    ]);
    const income = new Map<string, (typeof flows)[number]>();
    const payouts = new Map<string, (typeof flows)[number]>();
    for (const flow of flows) {
      if (!flow.requestNo) continue;
      if (flow.busiType === "订单" && flow.amountMinor > 0 && flow.type !== "手续费") income.set(flow.requestNo, flow);
      if (flow.busiType === "提现" && flow.type === "提现" && flow.amountMinor < 0) payouts.set(flow.requestNo, flow);
    }
    const base = { merchantId, merchantName: name };
    const matchedFlows = new Set<string>();
    for (const p of paid) {
      if (!imported.has(p.day)) continue;
      const flow = income.get(p.orderId) ?? income.get(p.merchantOrderId);
      if (flow) matchedFlows.add(flow.fundsFlowId);
      if (!flow) out.push({ ...base, day: p.day, kind: "console_only", record: "payment", recordId: p.id, reference: p.orderId, consoleMinor: p.amountMinor, wechatMinor: null });
      else if (flow.amountMinor !== p.amountMinor) out.push({ ...base, day: p.day, kind: "amount_differs", record: "payment", recordId: p.id, reference: p.orderId, consoleMinor: p.amountMinor, wechatMinor: flow.amountMinor });
    }
    for (const w of withdrawn) {
      if (!imported.has(w.day) || !w.outRequestNo) continue;
      const flow = payouts.get(w.outRequestNo);
      if (flow) matchedFlows.add(flow.fundsFlowId);
      if (!flow) out.push({ ...base, day: w.day, kind: "console_only", record: "withdrawal", recordId: w.id, reference: w.outRequestNo, consoleMinor: w.amountMinor, wechatMinor: null });
      else if (-flow.amountMinor !== w.amountMinor) out.push({ ...base, day: w.day, kind: "amount_differs", record: "withdrawal", recordId: w.id, reference: w.outRequestNo, consoleMinor: w.amountMinor, wechatMinor: -flow.amountMinor });
    }
    const knownOrders = new Set(paid.flatMap((p) => [p.orderId, p.merchantOrderId]));
    const knownWithdrawals = new Set(withdrawn.map((w) => w.outRequestNo));
    for (const flow of [...income.values(), ...payouts.values()]) {
      if (matchedFlows.has(flow.fundsFlowId) || !imported.has(flow.bookkeepingDate)) continue;
      const known = flow.busiType === "提现" ? knownWithdrawals.has(flow.requestNo) : knownOrders.has(flow.requestNo!);
      if (known) continue;
      out.push({ ...base, day: flow.bookkeepingDate, kind: "wechat_only", record: "flow", recordId: flow.id, reference: flow.requestNo!, consoleMinor: null, wechatMinor: Math.abs(flow.amountMinor) });
    }
  }
  return out.sort((a, b) => b.day.localeCompare(a.day) || a.merchantName.localeCompare(b.merchantName) || a.reference.localeCompare(b.reference));
}

/** The merchants the page's filter offers, by name. */
export async function merchantChoices(db: Db): Promise<{ id: string; name: string }[]> {
  return db.select({ id: merchants.id, name: merchants.name }).from(merchants).orderBy(merchants.name).limit(1000);
}

/** When the import last ran and how many merchant-days it has, for the page's header. */
export async function importSummary(db: Db) {
  const [row] = await db.select({ days: sql<number>`count(*)::int`, last: sql<Date | null>`max(${wechatFundsFlowDays.importedAt})` }).from(wechatFundsFlowDays);
  return { days: Number(row?.days ?? 0), last: row?.last ? new Date(row.last) : null };
}

export const reconciliationRecordSchema = z.object({ record: z.enum(["payment", "withdrawal", "flow"]), id: z.uuid() });
export type ReconciliationRecordRef = z.infer<typeof reconciliationRecordSchema>;

type Payment = typeof payments.$inferSelect;
type WithdrawalRow = typeof withdrawals.$inferSelect;
type Flow = typeof wechatFundsFlows.$inferSelect;

/**
 * One record of a difference with its counterparts on the other side: a payment or withdrawal
 * with the WeChat flows booked under its order id or withdrawal number, or a WeChat flow with the
 * console's records of its request number. Null when there is no such record.
 */
export async function reconciliationRecord(db: Db, ref: ReconciliationRecordRef): Promise<{ merchantId: string; merchantName: string; payments: Payment[]; withdrawals: WithdrawalRow[]; flows: Flow[] } | null> {
  const flowsOf = (merchantId: string, requestNos: string[]) =>
    db.select().from(wechatFundsFlows).where(and(eq(wechatFundsFlows.merchantId, merchantId), inArray(wechatFundsFlows.requestNo, requestNos))).orderBy(wechatFundsFlows.bookkeepingDate);
  let found: { merchantId: string; payments: Payment[]; withdrawals: WithdrawalRow[]; flows: Flow[] } | null = null;
  if (ref.record === "payment") {
    const [payment] = await db.select().from(payments).where(eq(payments.id, ref.id));
    if (payment) found = { merchantId: payment.merchantId, payments: [payment], withdrawals: [], flows: await flowsOf(payment.merchantId, [payment.orderId, payment.merchantOrderId]) };
  } else if (ref.record === "withdrawal") {
    const [withdrawal] = await db.select().from(withdrawals).where(eq(withdrawals.id, ref.id));
    if (withdrawal) found = { merchantId: withdrawal.merchantId, payments: [], withdrawals: [withdrawal], flows: withdrawal.outRequestNo ? await flowsOf(withdrawal.merchantId, [withdrawal.outRequestNo]) : [] };
  } else {
    const [flow] = await db.select().from(wechatFundsFlows).where(eq(wechatFundsFlows.id, ref.id));
    if (flow) {
      const no = flow.requestNo ?? "";
      const [paid, withdrawn] = await Promise.all([
        db.select().from(payments).where(and(eq(payments.merchantId, flow.merchantId), or(eq(payments.orderId, no), eq(payments.merchantOrderId, no)))),
        db.select().from(withdrawals).where(and(eq(withdrawals.merchantId, flow.merchantId), eq(withdrawals.outRequestNo, no))),
      ]);
      found = { merchantId: flow.merchantId, payments: paid, withdrawals: withdrawn, flows: no ? await flowsOf(flow.merchantId, [no]) : [flow] };
    }
  }
  if (!found) return null;
  const [merchant] = await db.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, found.merchantId));
  return { ...found, merchantName: merchant?.name ?? "" };
}
