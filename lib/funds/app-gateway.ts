import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { merchants, sandboxPayments } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { dataKeyRing } from "@/lib/crypto/keys";
import { AppError } from "@/lib/errors";
import { feeFor, parseDecimalAmount } from "@/lib/money/money";
import { getDb } from "@/lib/runtime/db";
import { createFundsGateway, type FundsGateway, type FundsTransport } from "./gateway";
import { createFundsSandbox, type FundsSandbox } from "./sandbox";
import type { WithdrawalDeps } from "./withdrawals";

const globalForFunds = globalThis as unknown as { __fundsSandbox?: Promise<FundsSandbox> };

/** The funds sandbox, or null when WeChat credentials are configured (live mode). */
export function getFundsSandbox(): Promise<FundsSandbox> | null {
  const config = getConfig();
  if (!config.wechat.sandbox) return null;
  globalForFunds.__fundsSandbox ??= getDb().then((db) =>
    createFundsSandbox({ db, keyRing: dataKeyRing(), stepSeconds: config.payments.sandboxWithdrawalSeconds, verifySeconds: config.payments.sandboxAccountVerifySeconds }),
  );
  return globalForFunds.__fundsSandbox;
}

export async function merchantAppid(db: Db, merchantId: string): Promise<string> {
  const [row] = await db.select({ miniProgram: merchants.miniProgram }).from(merchants).where(eq(merchants.id, merchantId));
  if (!row?.miniProgram?.appid) throw new AppError("not_found", "Merchant not found.");
  return row.miniProgram.appid;
}

/** How live mode reaches WeChat's funds API for one merchant, under its own Mini Program's token. */
export type LiveFundsTransportFactory = (merchant: { db: Db; merchantId: string; appid: string }) => Promise<FundsTransport>;

const globalForLive = globalThis as unknown as { __liveFundsTransport?: LiveFundsTransportFactory };

/**
 * Live mode: lib/wechat (which may import lib/funds, not the reverse) registers at start how to
 * call `https://api.weixin.qq.com<path>` under a Mini Program's own access_token.
 */
export function registerLiveFundsTransport(factory: LiveFundsTransportFactory) {
  globalForLive.__liveFundsTransport = factory;
}

/**
 * The merchant's WeChat funds API under its own access_token. With no per-appid client registered,
 * live calls are refused with a clear message rather than sent with another Mini Program's token.
 */
async function transportFor(db: Db, merchantId: string): Promise<FundsTransport> {
  const appid = await merchantAppid(db, merchantId);
  const sandbox = getFundsSandbox();
  if (sandbox) return (await sandbox).transport(appid);
  const live = globalForLive.__liveFundsTransport;
  if (live) return live({ db, merchantId, appid });
  return async () => {
    throw new AppError("unavailable", "funds.wechat.liveUnavailable");
  };
}

export async function fundsGatewayFor(db: Db, merchantId: string): Promise<FundsGateway> {
  return createFundsGateway(await transportFor(db, merchantId));
}

/** Everything the withdrawal service needs for one merchant in this process. */
export async function withdrawalDepsFor(db: Db, merchantId: string): Promise<WithdrawalDeps> {
  const config = getConfig();
  return {
    gateway: await fundsGatewayFor(db, merchantId),
    checkSeconds: config.wechat.sandbox ? Math.max(1, config.payments.sandboxWithdrawalSeconds) : 60,
  };
}

/**
 * Sandbox world: the CNY orders the provider sandbox just took for a merchant are paid into its
 * WeChat balance (less the fee, settling after the configured delay), as WeChat Pay would.
 */
export async function bookSandboxOrders(db: Db, merchantId: string, orderIds: string[]) {
  const sandbox = getFundsSandbox();
  if (!sandbox || orderIds.length === 0) return;
  const [merchant] = await db.select({ miniProgram: merchants.miniProgram, feeRateBps: merchants.feeRateBps }).from(merchants).where(eq(merchants.id, merchantId));
  if (!merchant) return;
  const delayMs = getConfig().payments.settlementDelayHours * 3_600_000;
  const rows = await db.select().from(sandboxPayments).where(inArray(sandboxPayments.orderId, orderIds));
  for (const row of rows) {
    if (row.status !== "SUCCEEDED" || row.currency !== "CNY" || !row.payTime) continue;
    const amount = parseDecimalAmount(row.amount, row.currency);
    await (await sandbox).bookOrder(merchant.miniProgram.appid, { requestNo: row.orderId, amount, fee: feeFor(amount, merchant.feeRateBps), at: row.payTime, settlesAt: new Date(row.payTime.getTime() + delayMs) });
  }
}
