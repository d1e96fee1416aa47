import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applications, type ApplicationStatus } from "@/db/schema";
import { canTransition, type Transition } from "@/lib/applications/state";
import { AppError } from "@/lib/errors";

export type LockedApplication = { id: string; merchantId: string; status: ApplicationStatus; currentRevision: number };

/**
 * Locks the application row for the rest of the transaction and checks that it is still where the
 * reviewer's page saw it: of two reviewers acting at once, the second waits for the first, then
 * finds the state moved and gets a conflict instead of a second transition.
 */
export async function lockForReview(
  tx: Db,
  { applicationId, expectedRevision, transition }: { applicationId: string; expectedRevision: number; transition: Transition },
): Promise<LockedApplication> {
  const [row] = await tx
    .select({ id: applications.id, merchantId: applications.merchantId, status: applications.status, currentRevision: applications.currentRevision })
    .from(applications)
    .where(eq(applications.id, applicationId))
    .for("update");
  if (!row) throw new AppError("not_found", "This application does not exist.");
  if (!canTransition(transition, row.status) || row.currentRevision !== expectedRevision) {
    throw new AppError(
      "conflict",
      `This application has changed since the page was opened: it is now ${row.status.replace(/_/g, " ")} (revision ${row.currentRevision}). Reload to see where it stands; nothing was changed.`,
    );
  }
  return row;
}
