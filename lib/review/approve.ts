import type { Db } from "@/db/client";
import { enqueueSubmission } from "@/lib/wechat/enqueue-submission";
import { lockForReview, recordDecision } from "./lock";
import { reviewDecisionSchema } from "./review-schemas";
import { assertSupport, type ReviewActor } from "./support-actor";

/** Approves the revision under review and hands it to the WeChat submission, all in one transaction. */
export async function approveApplication(db: Db, actor: ReviewActor, input: unknown): Promise<{ status: "approved" }> {
  assertSupport(actor);
  const { applicationId, expectedRevision, note, noteInternal } = reviewDecisionSchema.parse(input);
  return db.transaction(async (tx) => {
    const app = await lockForReview(tx, { applicationId, expectedRevision, to: "approved" });
    await recordDecision(tx, app, { actorId: actor.id, to: "approved", note, noteInternal, set: { wechatMessage: null } });
    await enqueueSubmission(tx, { applicationId });
    return { status: "approved" as const };
  });
}
