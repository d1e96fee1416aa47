import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applicationRevisions, applications, merchants, settlementAccountChanges, settlementAccounts } from "@/db/schema";
import { openString, sealString, type KeyRing } from "@/lib/crypto/at-rest";
import { maskMiddle, maskName } from "@/lib/crypto/mask";
import { AppError } from "@/lib/errors";
import { periodStarts } from "@/lib/payments/summary";
import { sandboxAccountVerification } from "@/lib/payments/sandbox/bank";
import { stepSchemaFor, type Qualification } from "@/lib/qualification/schema";
import { settlementChangeSchema } from "./settlement-schema";


export const maxChangesPerDay = 5;

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
    .values({
      merchantId,
      bankAccountType: account.bank_account_type,
      accountBank: account.account_bank,
      bankAddressCode: account.bank_address_code,
      bankBranchId: account.bank_branch_id ?? null,
      bankName: account.bank_name ?? null,
      accountNameSealed: sealString(ring, account.account_name),
      accountNumberSealed: sealString(ring, account.account_number),
    })
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

/**
 * Records a change request, checked with the wizard's account rules (for the merchant's subject type
 * and name). At most five a day, and one at a time; counted under the merchant lock.
 */
export async function requestSettlementChange(
  db: Db,
  ring: KeyRing,
  input: { merchantId: string; actorId?: string; values: unknown; verifySeconds: number; now?: Date },
) {
  const now = input.now ?? new Date();
  const [merchant] = await db.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, input.merchantId));
  if (!merchant) throw new AppError("not_found", "Merchant not found.");
  const [application] = await db.select({ organizationType: applications.organizationType }).from(applications).where(eq(applications.merchantId, input.merchantId));
  const values = settlementChangeSchema.parse(input.values);
  const checked = stepSchemaFor("account", { merchantName: merchant.name }).safeParse({ organization_type: application?.organizationType ?? undefined, account_info: values });
  if (!checked.success) {
    const fields = Object.fromEntries(
      checked.error.issues.filter((i) => i.path[0] === "account_info").map((i) => [i.path.slice(1).join("."), i.message]),
    );
    if (Object.keys(fields).length) throw new AppError("validation_failed", "Some fields are not valid.", fields);
  }
  return db.transaction(async (tx) => {
    await tx.execute(sql`select id from ${merchants} where ${merchants.id} = ${input.merchantId} for update`);
    const since = periodStarts(now).today;
    const today = await tx.$count(settlementAccountChanges, and(eq(settlementAccountChanges.merchantId, input.merchantId), gte(settlementAccountChanges.createdAt, since)));
    if (today >= maxChangesPerDay) throw new AppError("rate_limited", "funds.settlement.limitReached");
    const pending = await tx.$count(settlementAccountChanges, and(eq(settlementAccountChanges.merchantId, input.merchantId), eq(settlementAccountChanges.status, "pending")));
    if (pending > 0) throw new AppError("conflict", "funds.settlement.pendingExists");
    const [change] = await tx
      .insert(settlementAccountChanges)
      .values({
        merchantId: input.merchantId,
        bankAccountType: values.bank_account_type,
        accountBank: values.account_bank,
        bankAddressCode: values.bank_address_code,
        bankBranchId: values.bank_branch_id ?? null,
        bankName: values.bank_name ?? null,
        accountNameSealed: sealString(ring, values.account_name),
        accountNumberSealed: sealString(ring, values.account_number),
        accountMasked: maskAccountNumber(values.account_number),
        verifyAt: new Date(now.getTime() + input.verifySeconds * 1000),
        requestedBy: input.actorId,
        createdAt: now,
      })
      .returning({ id: settlementAccountChanges.id });
    return change!;
  });
}

/**
 * The sandbox bank verifies due change requests; a verified change becomes the account in use.
 * SKIP LOCKED and the status condition make it safe to run on several instances at once.
 */
export async function verifyDueSettlementChanges(db: Db, ring: KeyRing, { now = new Date(), merchantId }: { now?: Date; merchantId?: string } = {}) {
  return db.transaction(async (tx) => {
    const due = (await tx.execute(sql`
      select id from settlement_account_changes
      where status = 'pending' and verify_at <= ${now} ${merchantId ? sql`and merchant_id = ${merchantId}` : sql``}
      order by verify_at limit 20 for update skip locked`)) as unknown as { rows: { id: string }[] };
    for (const { id } of due.rows) {
      const [change] = await tx.select().from(settlementAccountChanges).where(eq(settlementAccountChanges.id, id));
      if (!change) continue;
      const verdict = sandboxAccountVerification(openString(ring, change.accountNumberSealed));
      await tx
        .update(settlementAccountChanges)
        .set({ status: verdict.ok ? "succeeded" : "failed", reason: verdict.ok ? null : verdict.reason, decidedAt: now })
        .where(and(eq(settlementAccountChanges.id, id), eq(settlementAccountChanges.status, "pending")));
      if (!verdict.ok) continue;
      const account = {
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
      await tx.insert(settlementAccounts).values({ merchantId: change.merchantId, ...account }).onConflictDoUpdate({ target: settlementAccounts.merchantId, set: account });
    }
    return due.rows.length;
  });
}
