import { and, eq } from "drizzle-orm";
import type { MerchantRole } from "@/lib/auth/roles";
import type { Db } from "@/db/client";
import { applicationRevisions, applications, fieldComments, type ApplicationStatus } from "@/db/schema";
import { sealString, type KeyRing } from "@/lib/crypto/at-rest";
import { AppError, fieldErrors } from "@/lib/errors";
import { qualificationSchemaFor } from "@/lib/qualification/schema";
import { openDraft } from "./draft-codec";
import { loadFlaggedFields, unresolvedFlags, type FlagReplies } from "./flagged-fields";
import { canMoveApplication, editableStatuses, moveApplication } from "./lifecycle";

/** A resubmission of an unchanged draft after changes were requested is a new submission, hence the revision. */
const submitKeyFor = (draftVersion: number, revision: number) => `v${draftVersion}-r${revision}`;

export type SubmitInput = {
  merchantId: string;
  actorId: string;
  /** The acting person's role (owner or admin), recorded on the event. */
  actorRole?: MerchantRole;
  ring: KeyRing;
  /** The Mini Program subject name: a corporate account must carry it. */
  merchantName: string;
  /** The draft version the user reviewed; it is also the idempotency key of the submission. */
  baseVersion: number;
  today?: string;
  /** Why a flagged field stays as it is, per field path; shown to support beside the field. */
  replies?: FlagReplies;
};

export type SubmitResult = { applicationId: string; revision: number; status: ApplicationStatus; replayed: boolean };

/**
 * Validates the whole draft, freezes it as a sealed revision and moves the application to
 * pending_review, in one transaction with its event. Idempotent: the key is the draft version the
 * submit was made from, so double clicks and retries find the revision the first one created.
 */
export async function submitApplication(db: Db, input: SubmitInput): Promise<SubmitResult> {
  return db.transaction(async (tx) => {
    const [app] = await tx.select().from(applications).where(eq(applications.merchantId, input.merchantId)).for("update").limit(1);
    if (!app) throw new AppError("not_found", "There is no application to submit yet. Fill in the form first.");

    // The latest revision made from this very draft version, still under way: a repeat of that submit.
    if (app.currentRevision > 0 && !editableStatuses.includes(app.status)) {
      const [previous] = await tx
        .select({ revision: applicationRevisions.revision })
        .from(applicationRevisions)
        .where(and(eq(applicationRevisions.applicationId, app.id), eq(applicationRevisions.merchantId, input.merchantId), eq(applicationRevisions.submitKey, submitKeyFor(input.baseVersion, app.currentRevision))))
        .limit(1);
      if (previous) return { applicationId: app.id, revision: previous.revision, status: app.status, replayed: true };
    }

    if (!canMoveApplication(app.status, "pending_review", "merchant")) throw new AppError("conflict", "The application has already been submitted.");
    if (app.draftVersion !== input.baseVersion) {
      throw new AppError("conflict", "The application changed after you reviewed it (in another tab or device). Reload and review it again.");
    }

    const parsed = qualificationSchemaFor({ merchantName: input.merchantName, today: input.today }).safeParse(openDraft(input.ring, app.draftSealed));
    if (!parsed.success) throw new AppError("validation_failed", "Some fields need attention before you can submit.", fieldErrors(parsed.error));

    const replies = input.replies ?? {};
    const flags = await loadFlaggedFields(tx, input.ring, app, parsed.data);
    const unresolved = unresolvedFlags(flags, replies);
    if (Object.keys(unresolved).length > 0) {
      throw new AppError("validation_failed", "Change each field that support or WeChat flagged, or say why it stays as it is.", unresolved);
    }

    const revision = app.currentRevision + 1;
    const now = new Date();
    const to = "pending_review" as const;
    await tx.insert(applicationRevisions).values({
      applicationId: app.id,
      merchantId: input.merchantId,
      revision,
      dataSealed: sealString(input.ring, JSON.stringify(parsed.data)),
      submittedBy: input.actorId,
      submitKey: submitKeyFor(input.baseVersion, revision),
    });
    // The merchant's answers go on the new revision's fields, where support reviews them.
    const answered = flags.filter((f) => !f.changed && replies[f.fieldPath]?.trim());
    if (answered.length > 0) {
      await tx.insert(fieldComments).values(
        answered.map((f, index) => ({
          createdAt: new Date(now.getTime() + index),
          applicationId: app.id,
          merchantId: input.merchantId,
          revision,
          fieldPath: f.fieldPath,
          body: replies[f.fieldPath]!.trim(),
          source: "merchant",
          authorId: input.actorId,
        })),
      );
    }
    await moveApplication(tx, {
      applicationId: app.id,
      merchantId: input.merchantId,
      from: app.status,
      to,
      actor: { kind: "merchant", id: input.actorId, role: input.actorRole ?? "owner" },
      event: { type: "submitted", revision },
      set: { currentRevision: revision, submittedAt: now, updatedAt: now, organizationType: parsed.data.organization_type, merchantShortname: parsed.data.merchant_shortname, wechatMessage: null },
    });
    return { applicationId: app.id, revision, status: to, replayed: false };
  });
}
