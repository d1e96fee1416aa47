import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { merchants, settlementAccounts } from "@/db/schema";
import { sealString, type KeyRing } from "@/lib/crypto/at-rest";
import { createFundsGateway, type FundsTransport } from "@/lib/funds/gateway";
import { createFundsSandbox, type FundsSandboxOptions } from "@/lib/funds/sandbox";
import { applyProviderPayment } from "@/lib/payments/apply-payment";

export const testRing: KeyRing = { keys: new Map([["t1", randomBytes(32)]]), activeKeyId: "t1" };

/** A transport that counts each path's calls (what reached "WeChat"). */
export function counting(transport: FundsTransport) {
  const calls: Record<string, number> = {};
  const wrapped: FundsTransport = async (path, body) => {
    calls[path] = (calls[path] ?? 0) + 1;
    return transport(path, body);
  };
  return { transport: wrapped, calls };
}

/** A merchant with its own appid, a settlement account, and `yuan` paid by a shopper (in the console's ledger and in the sandbox's WeChat balance). */
export async function seedMerchantWithFunds(db: Db, sandbox: ReturnType<typeof createFundsSandbox>, yuan: string) {
  const id = randomUUID();
  const appid = `wx${randomBytes(8).toString("hex")}`;
  await db.insert(merchants).values({ id, name: `商户${appid}`, miniProgram: { subject_name: "s", nickname: "n", appid, license_number: "1" }, feeRateBps: 0 });
  await db.insert(settlementAccounts).values({
    merchantId: id, bankAccountType: "ACCOUNT_TYPE_BUSINESS", accountBank: "工商银行", bankAddressCode: "110000",
    accountNameSealed: sealString(testRing, "测试公司"), accountNumberSealed: sealString(testRing, "6222020200001234"),
  });
  const orderId = `C${randomUUID().replaceAll("-", "").slice(0, 20)}`;
  const paidAt = new Date(Date.now() - 60_000);
  await applyProviderPayment(
    db,
    { order_id: orderId, merchant_order_id: `M${orderId}`, amount: yuan, currency: "CNY", status: "SUCCEEDED", create_time: paidAt.toISOString(), pay_time: paidAt.toISOString() },
    { source: "notification", settlementDelayHours: 0, merchantId: id },
  );
  await sandbox.bookOrder(appid, { requestNo: orderId, amount: Math.round(Number(yuan) * 100), fee: 0, at: paidAt, settlesAt: paidAt });
  return { id, appid, orderId };
}

export function sandboxFor(db: Db, options: Partial<FundsSandboxOptions> = {}) {
  return createFundsSandbox({ db, keyRing: testRing, stepSeconds: 0, verifySeconds: 0, ...options });
}

export function gatewayFor(transport: FundsTransport) {
  return createFundsGateway(transport);
}
