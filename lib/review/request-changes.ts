import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applicationEvents, applications, fieldComments } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors";
import { lockForReview } from "./lock";
import { reviewDecisionSchema } from "./review-schemas";
import { assertSupport, type ReviewActor } from "./support-actor";

/** Sends the application back to the merchant with the field comments of this revision. */
export async function requestChanges(db: Db, actor: ReviewActor, input: unknown): Promise<{ status: "changes_requested" }> {
  assertSupport(actor);
  const { applicationId, expectedRevision, note, noteInternal } = reviewDecisionSchema.parse(input);
  return db.transaction(async (tx) => {
    const app = await lockForReview(tx, { applicationId, expectedRevision, transition: "request_changes" });
    const comments = await tx
      .select({ fieldPath: fieldComments.fieldPath })
      .from(fieldComments)
      .where(and(eq(fieldComments.applicationId, applicationId), eq(fieldComments.merchantId, app.merchantId), eq(fieldComments.revision, app.currentRevision), eq(fieldComments.source, "support")));
    if (comments.length === 0) {
      throw new AppError("validation_failed", "Comment on at least one field before requesting changes, so the merchant knows what to fix.", { comments: "review.errors.needsComment" });
    }
    await tx.update(applications).set({ status: "changes_requested", updatedAt: new Date() }).where(and(eq(applications.id, applicationId), eq(applications.merchantId, app.merchantId)));
    await tx.insert(applicationEvents).values({
      applicationId,
      merchantId: app.merchantId,
      type: "changes_requested",
      fromStatus: app.status,
      toStatus: "changes_requested",
      revision: app.currentRevision,
      actorId: actor.id,
      actorRole: "support",
      note: noteInternal ? null : note,
      details: { fieldPaths: [...new Set(comments.map((c) => c.fieldPath))], ...(noteInternal && note ? { internalNote: note } : {}) },
    });
    await writeAudit(tx, { actorId: actor.id, merchantId: app.merchantId, action: "request_changes", subjectType: "application", subjectId: applicationId, reason: note });
    return { status: "changes_requested" as const };
  });
}
