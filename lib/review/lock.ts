import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applications, type ApplicationStatus } from "@/db/schema";
import { canMoveApplication, moveApplication, type ApplicationMove } from "@/lib/applications/lifecycle";
import { writeAudit } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors";

export type LockedApplication = { id: string; merchantId: string; status: ApplicationStatus; currentRevision: number };

/**
 * Locks the application row for the rest of the transaction and checks that it is still where the
 * reviewer's page saw it: of two reviewers acting at once, the second waits for the first, then
 * finds the state moved and gets a conflict instead of a second transition.
 */
export async function lockForReview(
  tx: Db,
  { applicationId, expectedRevision, to }: { applicationId: string; expectedRevision: number; to: ApplicationStatus },
): Promise<LockedApplication> {
  const [row] = await tx
    .select({ id: applications.id, merchantId: applications.merchantId, status: applications.status, currentRevision: applications.currentRevision })
    .from(applications)
    .where(eq(applications.id, applicationId))
    .for("update");
  if (!row) throw new AppError("not_found", "This application does not exist.");
  if (!canMoveApplication(row.status, to, "support") || row.currentRevision !== expectedRevision) {
    throw new AppError(
      "conflict",
      `This application has changed since the page was opened: it is now ${row.status.replace(/_/g, " ")} (revision ${row.currentRevision}). Reload to see where it stands; nothing was changed.`,
    );
  }
  return row;
}

/**
 * Support's decision on the locked revision: the move with its event (a note the merchant sees, or
 * kept internal in the details) and the audit row, in the caller's transaction.
 */
export async function recordDecision(
  tx: Db,
  app: LockedApplication,
  decision: { actorId: string; to: "approved" | "changes_requested"; note?: string | null; noteInternal?: boolean; details?: Record<string, unknown>; set?: ApplicationMove["set"] },
): Promise<void> {
  const { actorId, to, note, noteInternal } = decision;
  const internal = noteInternal && note ? { internalNote: note } : {};
  const details = { ...decision.details, ...internal };
  await moveApplication(tx, {
    applicationId: app.id,
    merchantId: app.merchantId,
    from: app.status,
    to,
    actor: { kind: "support", id: actorId },
    event: { type: to, revision: app.currentRevision, note: noteInternal ? null : note, details: Object.keys(details).length ? details : null },
    set: decision.set,
  });
  await writeAudit(tx, { actorId, merchantId: app.merchantId, action: to === "approved" ? "approve" : "request_changes", subjectType: "application", subjectId: app.id, reason: note });
}
