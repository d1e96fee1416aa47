import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { settlementAccounts, wechatFundsFlowDays, wechatFundsFlows } from "@/db/schema";
import type { FundsGateway } from "./gateway";

/** A China calendar day, `2026-12-01`, of a moment. */
export const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Imports one merchant's WeChat funds flow of one booking day: every page of scanorderflow
 * (WeChat pages it by number), then the details of the flows not stored yet, a few at a time,
 * each stored once per flow id. The day is marked imported whole only after every flow is in.
 */
export async function importFundsFlowDay(db: Db, gateway: FundsGateway, options: { merchantId: string; day: string; pageSize?: number; concurrency?: number }) {
  const pageSize = options.pageSize ?? 100;
  const date = options.day.replaceAll("-", "");
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const list = await gateway.listFundsFlows(date, page, pageSize);
    ids.push(...list.funds_flow_ids);
    if (list.funds_flow_ids.length < pageSize || page * pageSize >= list.total_num) break;
  }
  const known = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db.select({ id: wechatFundsFlows.fundsFlowId }).from(wechatFundsFlows).where(and(eq(wechatFundsFlows.merchantId, options.merchantId), inArray(wechatFundsFlows.fundsFlowId, chunk)));
    for (const row of rows) known.add(row.id);
  }
  const todo = [...new Set(ids)].filter((id) => !known.has(id));
  let next = 0;
  let stored = 0;
  const worker = async () => {
    while (next < todo.length) {
      const id = todo[next++]!;
      const flow = await gateway.getFundsFlow(id);
      const inserted = await db
        .insert(wechatFundsFlows)
        .values({
          merchantId: options.merchantId,
          fundsFlowId: flow.funds_flow_id || id,
          bookkeepingDate: options.day,
          bookkeepingTime: flow.bookkeeping_time || null,
          type: flow.type || null,
          flowType: flow.flow_type || null,
          busiType: flow.busi_type || null,
          requestNo: flow.request_no || null,
          amountMinor: flow.amountMinor,
        })
        .onConflictDoNothing()
        .returning({ id: wechatFundsFlows.id });
      stored += inserted.length;
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, todo.length) }, worker));
  await db
    .insert(wechatFundsFlowDays)
    .values({ merchantId: options.merchantId, day: options.day, flows: ids.length, importedAt: new Date() })
    .onConflictDoUpdate({ target: [wechatFundsFlowDays.merchantId, wechatFundsFlowDays.day], set: { flows: ids.length, importedAt: new Date() } });
  return { listed: ids.length, stored };
}

/**
 * The daily import for every open merchant (one with a settlement account, set when WeChat opened
 * it), walking merchants by id (keyset) so that a long run resumes where it stopped. One merchant
 * failing is reported and does not stop the others.
 */
export async function importFundsFlows(
  db: Db,
  gatewayFor: (merchantId: string) => Promise<FundsGateway>,
  options: { days: string[]; batch?: number; onError?: (merchantId: string, error: unknown) => void },
) {
  let after: string | null = null;
  let merchants = 0;
  for (;;) {
    const batch: { merchantId: string }[] = await db
      .select({ merchantId: settlementAccounts.merchantId })
      .from(settlementAccounts)
      .where(after ? gt(settlementAccounts.merchantId, after) : undefined)
      .orderBy(asc(settlementAccounts.merchantId))
      .limit(options.batch ?? 50);
    if (batch.length === 0) break;
    for (const { merchantId } of batch) {
      try {
        const gateway = await gatewayFor(merchantId);
        for (const day of options.days) await importFundsFlowDay(db, gateway, { merchantId, day });
        merchants++;
      } catch (error) {
        options.onError?.(merchantId, error);
      }
    }
    after = batch.at(-1)!.merchantId;
  }
  return merchants;
}
