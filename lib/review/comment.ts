import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applicationEvents, fieldComments } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write-audit";
import type { KeyRing } from "@/lib/crypto/at-rest";
import { AppError } from "@/lib/errors";
import { flattenFields } from "./fields";
import { lockForReview } from "./lock";
import { loadRevisionData } from "./revision-data";
import { commentInputSchema, deleteCommentInputSchema } from "./review-schemas";
import { assertSupport, type ReviewActor } from "./support-actor";

/** Adds a support comment on one field of the revision under review (only while it is pending review). */
export async function addFieldComment(db: Db, ring: KeyRing, actor: ReviewActor, input: unknown): Promise<{ id: string }> {
  assertSupport(actor);
  const { applicationId, expectedRevision, fieldPath, body } = commentInputSchema.parse(input);
  return db.transaction(async (tx) => {
    // Commenting is part of the review, so it is allowed exactly where a decision still is.
    const app = await lockForReview(tx, { applicationId, expectedRevision, to: "changes_requested" });
    const data = (await loadRevisionData(tx, ring, { applicationId, revisions: [app.currentRevision] })).get(app.currentRevision);
    if (!flattenFields(data).has(fieldPath)) throw new AppError("validation_failed", "There is no such field in this application.", { fieldPath: "review.errors.fieldPath" });
    const [comment] = await tx
      .insert(fieldComments)
      .values({ applicationId, merchantId: app.merchantId, revision: app.currentRevision, fieldPath, body, source: "support", authorId: actor.id })
      .returning({ id: fieldComments.id });
    await tx.insert(applicationEvents).values({
      applicationId,
      merchantId: app.merchantId,
      type: "commented",
      revision: app.currentRevision,
      actorId: actor.id,
      actorRole: "support",
      // The merchant sees comments when changes are requested, not while support is still reviewing.
      internal: true,
      details: { fieldPath },
    });
    await writeAudit(tx, { actorId: actor.id, merchantId: app.merchantId, action: "comment", subjectType: "application", subjectId: applicationId, fieldPath });
    return { id: comment!.id };
  });
}

/** Withdraws a support comment before the decision is taken. */
export async function deleteFieldComment(db: Db, actor: ReviewActor, input: unknown): Promise<void> {
  assertSupport(actor);
  const { applicationId, expectedRevision, commentId } = deleteCommentInputSchema.parse(input);
  await db.transaction(async (tx) => {
    const app = await lockForReview(tx, { applicationId, expectedRevision, to: "changes_requested" });
    const [deleted] = await tx
      .delete(fieldComments)
      .where(
        and(
          eq(fieldComments.id, commentId),
          eq(fieldComments.applicationId, applicationId),
          eq(fieldComments.merchantId, app.merchantId),
          eq(fieldComments.revision, app.currentRevision),
          eq(fieldComments.source, "support"),
        ),
      )
      .returning({ fieldPath: fieldComments.fieldPath });
    if (!deleted) throw new AppError("not_found", "This comment no longer exists.");
    await tx.insert(applicationEvents).values({
      applicationId,
      merchantId: app.merchantId,
      type: "comment_deleted",
      revision: app.currentRevision,
      actorId: actor.id,
      actorRole: "support",
      internal: true,
      details: { fieldPath: deleted.fieldPath },
    });
    await writeAudit(tx, { actorId: actor.id, merchantId: app.merchantId, action: "delete_comment", subjectType: "application", subjectId: applicationId, fieldPath: deleted.fieldPath });
  });
}
