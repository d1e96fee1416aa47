import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applicationEvents, applicationRevisions, applications, type ApplicationStatus } from "@/db/schema";
import { sealString, type KeyRing } from "@/lib/crypto/at-rest";
import { AppError } from "@/lib/errors";
import { fieldErrors, qualificationSchemaFor } from "@/lib/qualification/schema";
import { openDraft } from "./draft-codec";
import { canTransition, editableStatuses, transitions } from "./state";

/** A resubmission of an unchanged draft after changes were requested is a new submission, hence the revision. */
const submitKeyFor = (draftVersion: number, revision: number) => `v${draftVersion}-r${revision}`;

export type SubmitInput = {
  merchantId: string;
  actorId: string;
  ring: KeyRing;
  /** The Mini Program subject name: a corporate account must carry it. */
  merchantName: string;
  /** The draft version the user reviewed; it is also the idempotency key of the submission. */
  baseVersion: number;
  today?: string;
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

    if (!canTransition("submit", app.status)) throw new AppError("conflict", "The application has already been submitted.");
    if (app.draftVersion !== input.baseVersion) {
      throw new AppError("conflict", "The application changed after you reviewed it (in another tab or device). Reload and review it again.");
    }

    const parsed = qualificationSchemaFor({ merchantName: input.merchantName, today: input.today }).safeParse(openDraft(input.ring, app.draftSealed));
    if (!parsed.success) throw new AppError("validation_failed", "Some fields need attention before you can submit.", fieldErrors(parsed.error));

    const revision = app.currentRevision + 1;
    const now = new Date();
    const to = transitions.submit.to;
    await tx.insert(applicationRevisions).values({
      applicationId: app.id,
      merchantId: input.merchantId,
      revision,
      dataSealed: sealString(input.ring, JSON.stringify(parsed.data)),
      submittedBy: input.actorId,
      submitKey: submitKeyFor(input.baseVersion, revision),
    });
    await tx
      .update(applications)
      .set({
        status: to,
        currentRevision: revision,
        submittedAt: now,
        updatedAt: now,
        organizationType: parsed.data.organization_type,
        merchantShortname: parsed.data.merchant_shortname,
        wechatMessage: null,
      })
      .where(and(eq(applications.id, app.id), eq(applications.merchantId, input.merchantId)));
    await tx.insert(applicationEvents).values({
      applicationId: app.id,
      merchantId: input.merchantId,
      type: "submitted",
      fromStatus: app.status,
      toStatus: to,
      revision,
      actorId: input.actorId,
      actorRole: "merchant_admin",
    });
    return { applicationId: app.id, revision, status: to, replayed: false };
  });
}
