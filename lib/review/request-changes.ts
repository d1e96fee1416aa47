import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { fieldComments } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { lockForReview, recordDecision } from "./lock";
import { reviewDecisionSchema } from "./review-schemas";
import { assertSupport, type ReviewActor } from "./support-actor";

/** Sends the application back to the merchant with the field comments of this revision. */
export async function requestChanges(db: Db, actor: ReviewActor, input: unknown): Promise<{ status: "changes_requested" }> {
  assertSupport(actor);
  const { applicationId, expectedRevision, note, noteInternal } = reviewDecisionSchema.parse(input);
  return db.transaction(async (tx) => {
    const app = await lockForReview(tx, { applicationId, expectedRevision, to: "changes_requested" });
    const comments = await tx
      .select({ fieldPath: fieldComments.fieldPath })
      .from(fieldComments)
      .where(and(eq(fieldComments.applicationId, applicationId), eq(fieldComments.merchantId, app.merchantId), eq(fieldComments.revision, app.currentRevision), eq(fieldComments.source, "support")));
    if (comments.length === 0) {
      throw new AppError("validation_failed", "Comment on at least one field before requesting changes, so the merchant knows what to fix.", { comments: "review.errors.needsComment" });
    }
    await recordDecision(tx, app, { actorId: actor.id, to: "changes_requested", note, noteInternal, details: { fieldPaths: [...new Set(comments.map((c) => c.fieldPath))] } });
    return { status: "changes_requested" as const };
  });
}
