import { and, desc, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { merchants, wechatBalanceChecks } from "@/db/schema";
import { getBalances } from "@/lib/ledger/balance";
import type { FundsGateway } from "./gateway";

export type BalanceCheck = typeof wechatBalanceChecks.$inferSelect;

/**
 * Reads the merchant's balance from WeChat (getbalance) and keeps it beside the console's own CNY
 * ledger of the same moment, so support sees a difference without asking WeChat for every merchant.
 */
export async function checkBalance(db: Db, gateway: FundsGateway, merchantId: string, now = new Date()): Promise<BalanceCheck> {
  const wechat = await gateway.getBalance();
  const ledger = (await getBalances(db, { merchantId, now })).find((b) => b.currency === "CNY") ?? { available: 0, pending: 0 };
  const check: BalanceCheck = {
    merchantId,
    wechatAvailableMinor: wechat.available,
    wechatPendingMinor: wechat.pending,
    ledgerAvailableMinor: ledger.available,
    ledgerPendingMinor: ledger.pending,
    differenceMinor: ledger.available + ledger.pending - (wechat.available + wechat.pending),
    checkedAt: now,
  };
  const { merchantId: _key, ...values } = check;
  await db.insert(wechatBalanceChecks).values(check).onConflictDoUpdate({ target: wechatBalanceChecks.merchantId, set: values });
  return check;
}

/** The merchant's last balance check, or null when WeChat's balance was never read. */
export async function lastBalanceCheck(db: Db, merchantId: string): Promise<BalanceCheck | null> {
  const [row] = await db.select().from(wechatBalanceChecks).where(eq(wechatBalanceChecks.merchantId, merchantId));
  return row ?? null;
}

/** Merchants whose last check found WeChat's balance and the ledger apart, newest check first. */
export async function differingBalances(db: Db, options: { merchantId?: string; limit?: number } = {}) {
  return db
    .select({ check: wechatBalanceChecks, merchantName: merchants.name })
    .from(wechatBalanceChecks)
    .innerJoin(merchants, eq(merchants.id, wechatBalanceChecks.merchantId))
    .where(and(ne(wechatBalanceChecks.differenceMinor, 0), options.merchantId ? eq(wechatBalanceChecks.merchantId, options.merchantId) : undefined))
    .orderBy(desc(wechatBalanceChecks.checkedAt))
    .limit(options.limit ?? 100);
}
