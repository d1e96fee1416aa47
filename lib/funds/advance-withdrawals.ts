import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { withdrawals, type WithdrawalStatus } from "@/db/schema";
import { postLedgerEntries } from "@/lib/ledger/post";
import { sandboxWithdrawalStep } from "./sandbox-bank";
import { moveWithdrawal } from "./withdrawal-lifecycle";

/** Money goes back to the balance when the withdrawal did not reach (or came back from) the bank. */
export const refundingStatuses: readonly WithdrawalStatus[] = ["failed", "closed", "returned"];

/**
 * Moves due sandbox withdrawals to the bank's next answer. Rows are claimed with SKIP LOCKED and
 * updated only from the status they were read in, so several instances never apply a step twice.
 */
export async function advanceDueWithdrawals(
  db: Db,
  options: { now?: Date; merchantId?: string; stepSeconds: number; limit?: number },
): Promise<number> {
  const now = options.now ?? new Date();
  const merchantFilter = options.merchantId ? sql`and merchant_id = ${options.merchantId}` : sql``;
  return db.transaction(async (tx) => {
    const due = (await tx.execute(sql`
      select id, merchant_id, status, amount_minor, currency from withdrawals
      where next_check_at is not null and next_check_at <= ${now} ${merchantFilter}
      order by next_check_at limit ${options.limit ?? 50}
      for update skip locked`)) as unknown as { rows: { id: string; merchant_id: string; status: WithdrawalStatus; amount_minor: string | number; currency: string }[] };
    for (const row of due.rows) {
      const amountMinor = Number(row.amount_minor);
      const step = sandboxWithdrawalStep(row.status, amountMinor);
      if (!step) {
        await tx.update(withdrawals).set({ nextCheckAt: null }).where(eq(withdrawals.id, row.id));
        continue;
      }
      const moved = await moveWithdrawal(tx, {
        withdrawal: { id: row.id, merchantId: row.merchant_id, status: row.status },
        to: step.to,
        reason: step.reason,
        now,
        set: { reason: step.reason ?? null, nextCheckAt: step.again ? new Date(now.getTime() + options.stepSeconds * 1000) : null },
      });
      if (moved && refundingStatuses.includes(step.to)) {
        await postLedgerEntries(tx, [{ merchantId: row.merchant_id, currency: row.currency, kind: "withdrawal_reversal", amountMinor, withdrawalId: row.id, availableAt: now, createdAt: now }]);
      }
    }
    return due.rows.length;
  });
}
