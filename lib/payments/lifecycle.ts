import { and, getTableColumns, sql } from "drizzle-orm";
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

type SettableKey = keyof NonNullable<PaymentMove["set"]>;

/**
 * The one way a payment's status changes: checks each move against the table, writes the statuses
 * (one UPDATE per set of written columns) and their event rows (one INSERT) in the caller's
 * transaction. Returns, in the moves' order, each updated row, or null when that payment was moved
 * by someone else first (nothing written for it).
 */
export async function movePayments(tx: Db, moves: readonly PaymentMove[]): Promise<(Payment | null)[]> {
  if (new Set(moves.map((m) => m.payment.id)).size !== moves.length) throw new Error("movePayments takes one move per payment");
  for (const move of moves) {
    if (move.payment.status !== move.to && !canMovePayment(move.payment.status, move.to)) {
      throw new AppError("conflict", `A payment cannot move from ${move.payment.status} to ${move.to}.`, undefined, { reason: "payment.illegal_move" });
    }
  }
  // One clock for the moves that bring none, shared by each row and its event.
  const now = new Date();
  const written = new Map<string, Payment>();
  for (const group of groupBy(moves, (m) => Object.keys(m.set ?? {}).sort().join())) {
    const keys = Object.keys(group[0]!.set ?? {}).sort() as SettableKey[];
    const driverValue = (move: PaymentMove, key: SettableKey) => {
      const value = move.set![key];
      return value === null || value === undefined ? null : payments[key].mapToDriverValue(value);
    };
    const rows = sql.join(
      group.map((m) => sql`(${m.payment.id}::uuid, ${m.payment.merchantId}::uuid, ${m.payment.status}::payment_status, ${m.to}::payment_status, ${(m.now ?? now).toISOString()}::timestamptz${sql.join(keys.map((k) => sql`, ${driverValue(m, k)}::${sql.raw(payments[k].getSQLType())}`))})`),
      sql`, `,
    );
    const names = ["id", "merchant_id", "from_status", "to_status", "now", ...keys.map((k) => payments[k].name)];
    const updated = await tx
      .update(payments)
      .set({ status: sql`v.to_status`, updatedAt: sql`v.now`, ...Object.fromEntries(keys.map((k) => [k, sql.raw(`v.${payments[k].name}`)])) })
      .from(sql`(values ${rows}) as v(${sql.raw(names.join(", "))})`)
      // Written only if still in the status the caller read (it holds the row's lock; this is the proof).
      .where(and(sql`${payments.id} = v.id`, sql`${payments.merchantId} = v.merchant_id`, sql`${payments.status} = v.from_status`))
      .returning(getTableColumns(payments));
    for (const row of updated) written.set(row.id, row);
  }
  const events = moves.flatMap((m) => {
    const row = written.get(m.payment.id);
    if (!row || (m.payment.status === m.to && !m.recordStay)) return [];
    return [{ paymentId: row.id, merchantId: row.merchantId, source: m.source, fromStatus: m.payment.status, toStatus: m.to, actorId: m.actorId ?? null, createdAt: m.now ?? now }];
  });
  if (events.length) await tx.insert(paymentEvents).values(events);
  return moves.map((m) => written.get(m.payment.id) ?? null);
}

/** One payment's move (see movePayments). */
export async function movePayment(tx: Db, move: PaymentMove): Promise<Payment | null> {
  const [row] = await movePayments(tx, [move]);
  return row ?? null;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}
