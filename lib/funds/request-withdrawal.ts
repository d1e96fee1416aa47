import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { merchants, settlementAccounts, withdrawals } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { parseDecimalAmount } from "@/lib/money/money";
import { availableBalance } from "@/lib/ledger/balance";
import { withdrawalRequestSchema } from "./schemas";
import { openWithdrawal } from "./withdrawal-lifecycle";

export type Withdrawal = typeof withdrawals.$inferSelect;

/**
 * Records a withdrawal to the settlement account. The merchant row is locked for the transaction,
 * so the balance check and the debit are one step: concurrent requests queue and cannot overdraw.
 * The same idempotency key returns the withdrawal it first created.
 */
export async function requestWithdrawal(
  db: Db,
  input: { merchantId: string; actorId?: string; request: unknown; now?: Date; firstCheckSeconds: number; maskAccount: (sealedNumber: string) => string },
): Promise<{ withdrawal: Withdrawal; created: boolean }> {
  const request = withdrawalRequestSchema.parse(input.request);
  const amountMinor = parseDecimalAmount(request.amount, request.currency);
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select id from ${merchants} where ${merchants.id} = ${input.merchantId} for update`);
    const [existing] = await tx
      .select()
      .from(withdrawals)
      .where(and(eq(withdrawals.merchantId, input.merchantId), eq(withdrawals.idempotencyKey, request.idempotency_key)));
    if (existing) {
      if (existing.amountMinor !== amountMinor || existing.currency !== request.currency) {
        throw new AppError("conflict", "This request key was already used for a different withdrawal.", undefined, { reason: "withdrawal.key_reused" });
      }
      return { withdrawal: existing, created: false };
    }
    const [account] = await tx.select().from(settlementAccounts).where(eq(settlementAccounts.merchantId, input.merchantId));
    if (!account) throw new AppError("conflict", "Add a settlement account before withdrawing.", undefined, { reason: "withdrawal.no_account" });
    const available = await availableBalance(tx as unknown as Db, input.merchantId, request.currency, now);
    if (amountMinor > available) {
      throw new AppError("validation_failed", "The amount is more than the available balance.", { amount: "funds.validation.amountOverBalance" }, { reason: "withdrawal.over_balance" });
    }
    const withdrawal = await openWithdrawal(tx as unknown as Db, {
      ...input,
      idempotencyKey: request.idempotency_key,
      amountMinor,
      currency: request.currency,
      status: "created",
      account,
      now,
      set: { nextCheckAt: new Date(now.getTime() + input.firstCheckSeconds * 1000) },
    });
    return { withdrawal, created: true };
  });
}
