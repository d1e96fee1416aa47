import { and, desc, eq, gte, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applicationRevisions, applications, merchants, settlementAccountChanges, settlementAccounts } from "@/db/schema";
import { openString, sealString, type KeyRing } from "@/lib/crypto/at-rest";
import { maskMiddle, maskName } from "@/lib/crypto/mask";
import { AppError } from "@/lib/errors";
import type { Qualification } from "@/lib/qualification/schema";
import { chinaPeriodStarts } from "@/lib/time/china-time";
import { isDefiniteRefusal, type BankAccountInfo, type FundsGateway } from "./gateway";
import { settlementChangeIssues, settlementChangeSchema, type SettlementChange } from "./settlement-schema";

export const maxChangesPerDay = 5;

type AccountFields = Pick<SettlementChange, "bank_account_type" | "account_bank" | "bank_address_code" | "bank_branch_id" | "bank_name" | "account_name" | "account_number">;

/** The columns an account in use and a requested change both keep: bank details plain, name and number sealed. */
function accountColumns(ring: KeyRing, account: AccountFields) {
  return {
    bankAccountType: account.bank_account_type,
    accountBank: account.account_bank,
    bankAddressCode: account.bank_address_code,
    bankBranchId: account.bank_branch_id ?? null,
    bankName: account.bank_name ?? null,
    accountNameSealed: sealString(ring, account.account_name),
    accountNumberSealed: sealString(ring, account.account_number),
  };
}

export function maskAccountNumber(number: string): string {
  return maskMiddle(number, 4, 4);
}

export type SettlementAccountView = {
  bank_account_type: string;
  account_bank: string;
  bank_address_code: string;
  bank_branch_id: string | null;
  bank_name: string | null;
  account_name: string;
  account_number: string;
  updatedAt: string;
};

/**
 * When WeChat opens the merchant account, the application's settlement account becomes the one
 * withdrawals go to, unless the merchant already set one. Runs in the transaction that finishes it.
 */
export async function adoptApplicationAccount(tx: Db, ring: KeyRing, { merchantId, applicationId, revision }: { merchantId: string; applicationId: string; revision: number }): Promise<boolean> {
  const [row] = await tx
    .select({ dataSealed: applicationRevisions.dataSealed })
    .from(applicationRevisions)
    .where(and(eq(applicationRevisions.applicationId, applicationId), eq(applicationRevisions.merchantId, merchantId), eq(applicationRevisions.revision, revision)));
  const account = row ? (JSON.parse(openString(ring, row.dataSealed)) as Qualification).account_info : undefined;
  if (!account) return false;
  const inserted = await tx
    .insert(settlementAccounts)
    .values({ merchantId, ...accountColumns(ring, account) })
    .onConflictDoNothing({ target: settlementAccounts.merchantId })
    .returning({ merchantId: settlementAccounts.merchantId });
  return inserted.length > 0;
}

/** The account in use, masked (name and number are only ever opened to mask them). */
export async function getSettlementAccount(db: Db, ring: KeyRing, { merchantId }: { merchantId: string }): Promise<SettlementAccountView | null> {
  const [row] = await db.select().from(settlementAccounts).where(eq(settlementAccounts.merchantId, merchantId));
  if (!row) return null;
  return {
    bank_account_type: row.bankAccountType,
    account_bank: row.accountBank,
    bank_address_code: row.bankAddressCode,
    bank_branch_id: row.bankBranchId,
    bank_name: row.bankName,
    account_name: maskName(openString(ring, row.accountNameSealed)),
    account_number: maskAccountNumber(openString(ring, row.accountNumberSealed)),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listSettlementChanges(db: Db, { merchantId, limit = 10 }: { merchantId: string; limit?: number }) {
  return db
    .select({
      id: settlementAccountChanges.id,
      status: settlementAccountChanges.status,
      accountBank: settlementAccountChanges.accountBank,
      accountMasked: settlementAccountChanges.accountMasked,
      reason: settlementAccountChanges.reason,
      createdAt: settlementAccountChanges.createdAt,
      decidedAt: settlementAccountChanges.decidedAt,
    })
    .from(settlementAccountChanges)
    .where(eq(settlementAccountChanges.merchantId, merchantId))
    .orderBy(desc(settlementAccountChanges.createdAt))
    .limit(limit);
}

/** The wizard's account types (74 corporate, 75 personal) as the funds pages spell them. */
export const wechatAccountType = { "74": "ACCOUNT_TYPE_BUSINESS", "75": "ACCOUNT_TYPE_PRIVATE" } as const;
const consoleAccountType = (type: string) => (type === "ACCOUNT_TYPE_PRIVATE" ? "75" : type === "ACCOUNT_TYPE_BUSINESS" ? "74" : type);

/** The account in force at WeChat, masked; null when WeChat has none on file. */
export async function readWeChatAccount(gateway: FundsGateway) {
  const { account, verifyFailReason } = await gateway.getBankAccount();
  return {
    account: account
      ? { ...account, bank_account_type: consoleAccountType(account.bank_account_type), account_number: maskAccountNumber(account.account_number), account_name: account.account_name ? maskName(account.account_name) : null }
      : null,
    verifyFailReason,
  };
}

function toWeChat(values: SettlementChange): BankAccountInfo {
  return {
    bank_account_type: wechatAccountType[values.bank_account_type as "74" | "75"] ?? values.bank_account_type,
    account_bank: values.account_bank,
    bank_address_code: values.bank_address_code,
    ...(values.bank_branch_id ? { bank_branch_id: values.bank_branch_id } : {}),
    ...(values.bank_name ? { bank_name: values.bank_name } : {}),
    account_number: values.account_number,
    account_name: values.account_name,
  };
}

/**
 * Records a change request, checked with the wizard's account rules (for the merchant's subject type
 * and name), at most five a day and one at a time (counted under the merchant lock), then sends it
 * with setbankaccount. WeChat's refusal fails the change with WeChat's words; no answer leaves it
 * to be sent again by `followSettlementChanges` (setting the same account twice is harmless).
 */
export async function requestSettlementChange(
  db: Db,
  ring: KeyRing,
  gateway: FundsGateway,
  input: { merchantId: string; actorId?: string; values: unknown; now?: Date },
) {
  const now = input.now ?? new Date();
  const [merchant] = await db.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, input.merchantId));
  if (!merchant) throw new AppError("not_found", "Merchant not found.");
  const [application] = await db.select({ organizationType: applications.organizationType }).from(applications).where(eq(applications.merchantId, input.merchantId));
  const fields = settlementChangeIssues(input.values, { merchantName: merchant.name, organizationType: application?.organizationType ?? undefined });
  if (Object.keys(fields).length) throw new AppError("validation_failed", "Some fields are not valid.", fields);
  const values = settlementChangeSchema.parse(input.values);
  const change = await db.transaction(async (tx) => {
    await tx.execute(sql`select id from ${merchants} where ${merchants.id} = ${input.merchantId} for update`);
    const since = chinaPeriodStarts(now).today;
    const today = await tx.$count(settlementAccountChanges, and(eq(settlementAccountChanges.merchantId, input.merchantId), gte(settlementAccountChanges.createdAt, since)));
    if (today >= maxChangesPerDay) throw new AppError("rate_limited", "Too many settlement account changes today.", undefined, { reason: "settlement.daily_limit", values: { max: maxChangesPerDay } });
    const pending = await tx.$count(settlementAccountChanges, and(eq(settlementAccountChanges.merchantId, input.merchantId), eq(settlementAccountChanges.status, "pending")));
    if (pending > 0) throw new AppError("conflict", "A settlement account change is already being verified.", undefined, { reason: "settlement.pending_exists" });
    const [row] = await tx
      .insert(settlementAccountChanges)
      .values({
        merchantId: input.merchantId,
        ...accountColumns(ring, values),
        accountMasked: maskAccountNumber(values.account_number),
        requestedBy: input.actorId,
        createdAt: now,
      })
      .returning();
    return row!;
  });
  await sendChange(db, ring, gateway, change, now);
  return { id: change.id };
}

async function sendChange(db: Db, ring: KeyRing, gateway: FundsGateway, change: typeof settlementAccountChanges.$inferSelect, now: Date) {
  const values = {
    bank_account_type: change.bankAccountType,
    account_bank: change.accountBank,
    bank_address_code: change.bankAddressCode,
    bank_branch_id: change.bankBranchId ?? undefined,
    bank_name: change.bankName ?? undefined,
    account_name: openString(ring, change.accountNameSealed),
    account_number: openString(ring, change.accountNumberSealed),
  } as SettlementChange;
  try {
    await gateway.setBankAccount(toWeChat(values));
  } catch (error) {
    if (!isDefiniteRefusal(error)) return;
    await db
      .update(settlementAccountChanges)
      .set({ status: "failed", reason: `wechat:${error.errmsg}`, decidedAt: now })
      .where(and(eq(settlementAccountChanges.id, change.id), eq(settlementAccountChanges.status, "pending")));
    return;
  }
  await db.update(settlementAccountChanges).set({ submittedAt: now }).where(and(eq(settlementAccountChanges.id, change.id), isNull(settlementAccountChanges.submittedAt)));
}

/**
 * Follows a merchant's pending change: sends it if it was never answered, then reads
 * getbankaccount until WeChat has the new account on file (in force: it becomes the account
 * withdrawals go to) or names why binding it failed. Conditional updates: safe on many instances.
 */
export async function followSettlementChanges(db: Db, ring: KeyRing, gateway: FundsGateway, { merchantId, now = new Date() }: { merchantId: string; now?: Date }) {
  const [change] = await db.select().from(settlementAccountChanges).where(and(eq(settlementAccountChanges.merchantId, merchantId), eq(settlementAccountChanges.status, "pending")));
  if (!change) return null;
  if (!change.submittedAt) {
    await sendChange(db, ring, gateway, change, now);
    return "sent";
  }
  const { account, verifyFailReason } = await gateway.getBankAccount();
  const number = openString(ring, change.accountNumberSealed);
  if (account && account.account_number === number) {
    await db.transaction(async (tx) => {
      const [won] = await tx
        .update(settlementAccountChanges)
        .set({ status: "succeeded", decidedAt: now })
        .where(and(eq(settlementAccountChanges.id, change.id), eq(settlementAccountChanges.status, "pending")))
        .returning({ id: settlementAccountChanges.id });
      if (!won) return;
      const inForce = {
        bankAccountType: change.bankAccountType,
        accountBank: change.accountBank,
        bankAddressCode: change.bankAddressCode,
        bankBranchId: change.bankBranchId,
        bankName: change.bankName,
        accountNameSealed: change.accountNameSealed,
        accountNumberSealed: change.accountNumberSealed,
        changeId: change.id,
        updatedAt: now,
      };
      await tx.insert(settlementAccounts).values({ merchantId, ...inForce }).onConflictDoUpdate({ target: settlementAccounts.merchantId, set: inForce });
    });
    return "succeeded";
  }
  if (verifyFailReason) {
    await db
      .update(settlementAccountChanges)
      .set({ status: "failed", reason: `wechat:${verifyFailReason}`, decidedAt: now })
      .where(and(eq(settlementAccountChanges.id, change.id), eq(settlementAccountChanges.status, "pending")));
    return "failed";
  }
  return "pending";
}
