import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { withdrawalEvents, withdrawals, type WithdrawalStatus } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { postLedgerEntries } from "@/lib/ledger/post";
import { queueWithdrawalNotice } from "@/lib/notifications/queue";

type Withdrawal = typeof withdrawals.$inferSelect;

/** WeChat's withdrawal states, any of which its detail or list may report for one it holds. */
const reportedByWeChat = ["created", "succeeded", "failed", "closed", "returned"] as const satisfies readonly WithdrawalStatus[];

/** From each status, the statuses a withdrawal may move to; the final ones move nowhere. */
export const withdrawalMoves: Record<WithdrawalStatus, readonly WithdrawalStatus[]> = {
  // Answered by submitwithdraw, or found later in WeChat's list in whatever state it reached.
  submitting: ["awaiting_scan", ...reportedByWeChat],
  // The scan ends it, or (no QR code known) WeChat's detail reports where it stands.
  awaiting_scan: ["scan_refused", "scan_expired", ...reportedByWeChat],
  created: ["succeeded", "failed", "closed", "returned"],
  // The bank may send the money back after success.
  succeeded: ["returned"],
  scan_refused: [],
  scan_expired: [],
  failed: [],
  closed: [],
  returned: [],
};

export function canMoveWithdrawal(from: WithdrawalStatus, to: WithdrawalStatus): boolean {
  return withdrawalMoves[from].includes(to);
}

/** Money goes back to the balance when a withdrawal did not reach (or came back from) the bank. */
export const refundingStatuses: readonly WithdrawalStatus[] = ["failed", "closed", "returned", "scan_refused", "scan_expired"];
export const finalStatuses: readonly WithdrawalStatus[] = (Object.keys(withdrawalMoves) as WithdrawalStatus[]).filter((s) => withdrawalMoves[s].length === 0);

export type NewWithdrawal = {
  merchantId: string;
  actorId?: string;
  idempotencyKey: string;
  amountMinor: number;
  currency: string;
  /** Its first status: `created` at the console's own bank, `submitting` before WeChat is called. */
  status: "created" | "submitting";
  account: { accountNumberSealed: string; bankName: string | null; accountBank: string };
  maskAccount: (sealed: string) => string;
  now: Date;
  /** Columns of the first status (when WeChat's answer is first checked, when it was sent). */
  set?: Partial<Pick<typeof withdrawals.$inferInsert, "nextCheckAt" | "submittedAt">>;
};

/** A new withdrawal: its row, its first event and the ledger debit, in the caller's transaction. */
export async function openWithdrawal(tx: Db, input: NewWithdrawal): Promise<Withdrawal> {
  const [withdrawal] = await tx
    .insert(withdrawals)
    .values({
      merchantId: input.merchantId,
      idempotencyKey: input.idempotencyKey,
      amountMinor: input.amountMinor,
      currency: input.currency,
      status: input.status,
      accountMasked: input.maskAccount(input.account.accountNumberSealed),
      bankName: input.account.bankName ?? input.account.accountBank,
      requestedBy: input.actorId ?? null,
      createdAt: input.now,
      updatedAt: input.now,
      ...input.set,
    })
    .returning();
  await tx.insert(withdrawalEvents).values({ withdrawalId: withdrawal!.id, merchantId: input.merchantId, fromStatus: null, toStatus: input.status, actorId: input.actorId ?? null, createdAt: input.now });
  await postLedgerEntries(tx, [{ merchantId: input.merchantId, currency: input.currency, kind: "withdrawal", amountMinor: -input.amountMinor, withdrawalId: withdrawal!.id, availableAt: input.now, createdAt: input.now }]);
  return withdrawal!;
}

export type WithdrawalMove = {
  /** The withdrawal as the caller read it: the move is written only if it is still in that status. */
  withdrawal: Pick<Withdrawal, "id" | "merchantId" | "status">;
  to: WithdrawalStatus;
  /** Why, on the event (a message key such as `funds.scan.scan_expired`, or the bank's reason). */
  reason?: string | null;
  actorId?: string | null;
  /** Other columns written with the status (WeChat's number and status, the next check). */
  set?: Partial<Omit<typeof withdrawals.$inferInsert, "status">>;
  now?: Date;
};

/**
 * The one way a withdrawal's status changes: checks the move against the table, writes the
 * status and its event row in the caller's transaction. Returns the updated row, or null when
 * the withdrawal was moved by someone else first (nothing written).
 */
export async function moveWithdrawal(tx: Db, move: WithdrawalMove): Promise<Withdrawal | null> {
  const from = move.withdrawal.status;
  if (!canMoveWithdrawal(from, move.to)) {
    throw new AppError("conflict", `A withdrawal cannot move from ${from} to ${move.to}.`, undefined, { reason: "withdrawal.illegal_move" });
  }
  const now = move.now ?? new Date();
  const [row] = await tx
    .update(withdrawals)
    .set({ updatedAt: now, ...move.set, status: move.to })
    .where(and(eq(withdrawals.id, move.withdrawal.id), eq(withdrawals.merchantId, move.withdrawal.merchantId), eq(withdrawals.status, from)))
    .returning();
  if (!row) return null;
  const [event] = await tx
    .insert(withdrawalEvents)
    .values({ withdrawalId: row.id, merchantId: row.merchantId, fromStatus: from, toStatus: move.to, reason: move.reason ?? null, actorId: move.actorId ?? null, createdAt: now })
    .returning({ id: withdrawalEvents.id });
  // The mail this state calls for exists exactly when the state does.
  await queueWithdrawalNotice(tx, { id: event!.id, withdrawalId: row.id, merchantId: row.merchantId, toStatus: row.status, amountMinor: row.amountMinor, currency: row.currency });
  return row;
}
