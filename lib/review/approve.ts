import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applicationEvents, applications } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write-audit";
import { enqueueSubmission } from "@/lib/wechat/enqueue-submission";
import { lockForReview } from "./lock";
import { reviewDecisionSchema } from "./review-schemas";
import { assertSupport, type ReviewActor } from "./support-actor";

/** Approves the revision under review and hands it to the WeChat submission, all in one transaction. */
export async function approveApplication(db: Db, actor: ReviewActor, input: unknown): Promise<{ status: "approved" }> {
  assertSupport(actor);
  const { applicationId, expectedRevision, note, noteInternal } = reviewDecisionSchema.parse(input);
  return db.transaction(async (tx) => {
    const app = await lockForReview(tx, { applicationId, expectedRevision, transition: "approve" });
    await tx.update(applications).set({ status: "approved", wechatMessage: null, updatedAt: new Date() }).where(and(eq(applications.id, applicationId), eq(applications.merchantId, app.merchantId)));
    await tx.insert(applicationEvents).values({
      applicationId,
      merchantId: app.merchantId,
      type: "approved",
      fromStatus: app.status,
      toStatus: "approved",
      revision: app.currentRevision,
      actorId: actor.id,
      actorRole: "support",
      note: noteInternal ? null : note,
      details: noteInternal && note ? { internalNote: note } : null,
    });
    await writeAudit(tx, { actorId: actor.id, merchantId: app.merchantId, action: "approve", subjectType: "application", subjectId: applicationId, reason: note });
    await enqueueSubmission(tx, { applicationId });
    return { status: "approved" as const };
  });
}
