import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { paymentEvents, payments, type PaymentStatus } from "@/db/schema";
import { AppError } from "@/lib/errors";

type Payment = typeof payments.$inferSelect;

/** From each status, the statuses a payment may move to: PENDING ends in either final state, which it never leaves. */
export const paymentMoves: Record<PaymentStatus, readonly PaymentStatus[]> = {
  PENDING: ["SUCCEEDED", "CANCELLED"],
  SUCCEEDED: [],
  CANCELLED: [],
};

export const finalPaymentStatuses: readonly PaymentStatus[] = (Object.keys(paymentMoves) as PaymentStatus[]).filter((s) => paymentMoves[s].length === 0);

export function canMovePayment(from: PaymentStatus, to: PaymentStatus): boolean {
  return paymentMoves[from].includes(to);
}

/** The status a report leaves a payment in: a move the table refuses (a late PENDING after SUCCEEDED) is ignored. */
export function nextPaymentStatus(current: PaymentStatus, reported: PaymentStatus): PaymentStatus {
  return canMovePayment(current, reported) ? reported : current;
}

/** Where a payment event came from: the API create, the provider's notification, Refresh, or polling. */
export type PaymentEventSource = "create" | "notification" | "refresh" | "poll";

export type PaymentMove = {
  /** The payment as the caller read it (locked): the move is written only if it is still in that status. */
  payment: Pick<Payment, "id" | "merchantId" | "status">;
  /** The same status is a stay: the other columns are written, and an event only with `recordStay`. */
  to: PaymentStatus;
  source: PaymentEventSource;
  actorId?: string | null;
  recordStay?: boolean;
  /** Other columns written with the status (amounts, times, the end of polling). */
  set?: Partial<Omit<typeof payments.$inferInsert, "status">>;
  now?: Date;
};

/**
 * The one way a payment's status changes: checks the move against the table, writes the status
 * and its event row in the caller's transaction. Returns the updated row, or null when the payment
 * was moved by someone else first (nothing written).
 */
export async function movePayment(tx: Db, move: PaymentMove): Promise<Payment | null> {
  const from = move.payment.status;
  const stay = from === move.to;
  if (!stay && !canMovePayment(from, move.to)) {
    throw new AppError("conflict", `A payment cannot move from ${from} to ${move.to}.`, undefined, { reason: "payment.illegal_move" });
  }
  const now = move.now ?? new Date();
  const [row] = await tx
    .update(payments)
    .set({ updatedAt: now, ...move.set, status: move.to })
    .where(and(eq(payments.id, move.payment.id), eq(payments.merchantId, move.payment.merchantId), eq(payments.status, from)))
    .returning();
  if (!row) return null;
  if (!stay || move.recordStay) {
    await tx.insert(paymentEvents).values({ paymentId: row.id, merchantId: row.merchantId, source: move.source, fromStatus: from, toStatus: move.to, actorId: move.actorId ?? null, createdAt: now });
  }
  return row;
}
