import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applicationEvents, applications, type ApplicationStatus, type UserRole } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { queueApplicationNotice } from "@/lib/notifications/queue";

/** Who moves an application: its merchant's people, platform staff, or the console's own workers. */
export type ApplicationMover = "merchant" | "support" | "system";

/** WeChat holds the application and has not decided: polled, shown live. */
export const wechatPending = ["submitted", "checking", "account_verification", "auditing", "to_be_signed", "legal_validation"] as const satisfies readonly ApplicationStatus[];

const wechatAnswers = ["checking", "account_verification", "auditing", "to_be_signed", "legal_validation", "finished", "rejected", "frozen", "canceled"] as const satisfies readonly ApplicationStatus[];

/** WeChat's answers move an application it holds to the state WeChat reports, in any order; the same state again is no move. */
function answersFrom(from: ApplicationStatus): Partial<Record<ApplicationStatus, ApplicationMover>> {
  return Object.fromEntries(wechatAnswers.filter((to) => to !== from).map((to) => [to, "system"]));
}

/** From each status, the statuses it may move to and who may move it there. */
export const applicationMoves: Record<ApplicationStatus, Partial<Record<ApplicationStatus, ApplicationMover>>> = {
  draft: { pending_review: "merchant" },
  pending_review: { changes_requested: "support", approved: "support" },
  changes_requested: { pending_review: "merchant" },
  // A rejected or canceled application is edited and submitted again.
  rejected: { pending_review: "merchant" },
  canceled: { pending_review: "merchant" },
  approved: { submitting: "system" },
  // Accepted, refused outright, or back in the queue to be sent again.
  submitting: { submitted: "system", rejected: "system", approved: "system" },
  submitted: answersFrom("submitted"),
  checking: answersFrom("checking"),
  account_verification: answersFrom("account_verification"),
  auditing: answersFrom("auditing"),
  to_be_signed: answersFrom("to_be_signed"),
  legal_validation: answersFrom("legal_validation"),
  finished: { frozen: "system" },
  frozen: {},
};

export function canMoveApplication(from: ApplicationStatus, to: ApplicationStatus, by: ApplicationMover): boolean {
  return applicationMoves[from][to] === by;
}

/** States in which the merchant may edit the working copy. */
export const editableStatuses: readonly ApplicationStatus[] = ["draft", "changes_requested", "rejected", "canceled"];

/** States a page showing the application refreshes itself in: something outside the page will change it. */
export const livePolled: readonly ApplicationStatus[] = ["pending_review", "approved", "submitting", ...wechatPending];

export type ApplicationActor = { kind: "merchant"; id: string; role: UserRole } | { kind: "support"; id: string } | { kind: "system" };

export type ApplicationMove = {
  applicationId: string;
  merchantId: string;
  /** The status the caller read under a row lock; without it the row is read and locked here. */
  from?: ApplicationStatus;
  to: ApplicationStatus;
  actor: ApplicationActor;
  /** Why, for the timeline: the event's type, the revision it concerns, a note and machine details. */
  event: { type: string; revision?: number | null; note?: string | null; details?: Record<string, unknown> | null; internal?: boolean };
  /** Other columns written with the status (the revision submitted, WeChat's message). */
  set?: Partial<Omit<typeof applications.$inferInsert, "status">>;
  /** A worker applying an outside answer skips a move the table refuses (or one already made) instead of failing. */
  ifAllowed?: boolean;
};

function illegalMove(from: ApplicationStatus, to: ApplicationStatus): AppError {
  return new AppError("conflict", `An application cannot move from ${from} to ${to}.`, undefined, { reason: "application.illegal_move" });
}

/**
 * The one way an application's status changes: checks the move against the table, writes the
 * status (only if the row is still in `from`) and its event row, in the caller's transaction.
 * Returns the move made, or null when `ifAllowed` skipped it.
 */
export async function moveApplication(tx: Db, move: ApplicationMove): Promise<{ from: ApplicationStatus; to: ApplicationStatus } | null> {
  const tenant = and(eq(applications.id, move.applicationId), eq(applications.merchantId, move.merchantId));
  let from = move.from;
  if (!from) {
    const [row] = await tx.select({ status: applications.status }).from(applications).where(tenant).for("update");
    if (!row) {
      if (move.ifAllowed) return null;
      throw new AppError("not_found", "This application does not exist.");
    }
    from = row.status;
  }
  if (!canMoveApplication(from, move.to, move.actor.kind)) {
    if (move.ifAllowed) return null;
    throw illegalMove(from, move.to);
  }
  const updated = await tx
    .update(applications)
    .set({ updatedAt: new Date(), ...move.set, status: move.to })
    .where(and(tenant, eq(applications.status, from)))
    .returning({ id: applications.id });
  if (updated.length === 0) {
    if (move.ifAllowed) return null;
    throw illegalMove(from, move.to);
  }
  const actor = move.actor;
  const [event] = await tx.insert(applicationEvents).values({
    applicationId: move.applicationId,
    merchantId: move.merchantId,
    type: move.event.type,
    fromStatus: from,
    toStatus: move.to,
    revision: move.event.revision ?? null,
    actorId: actor.kind === "system" ? null : actor.id,
    actorRole: actor.kind === "merchant" ? actor.role : actor.kind === "support" ? "support" : null,
    note: move.event.note ?? null,
    internal: move.event.internal ?? false,
    details: move.event.details ?? null,
  }).returning({ id: applicationEvents.id });
  // The mail this state calls for exists exactly when the state does.
  const subMchid = move.event.details?.sub_mchid;
  await queueApplicationNotice(tx, { id: event!.id, applicationId: move.applicationId, merchantId: move.merchantId, toStatus: move.to, revision: move.event.revision ?? null, subMchid: typeof subMchid === "string" ? subMchid : null });
  return { from, to: move.to };
}
