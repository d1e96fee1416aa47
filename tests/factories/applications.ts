import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applicationEvents, applicationRevisions, applications, type ApplicationStatus } from "@/db/schema";
import { moveApplication, type ApplicationActor } from "@/lib/applications/lifecycle";
import { saveDraft } from "@/lib/applications/save-draft";
import { sealString, type KeyRing } from "@/lib/crypto/at-rest";
import { approveApplication } from "@/lib/review/approve";
import { createSupportUser, testRing } from "../helpers/applications";

/**
 * Applications in a named state, for vitest and the end-to-end seed alike. Drafts are saved by the
 * wizard's service; approval is support's service (its WeChat submission queued with it); every
 * other status is reached through the lifecycle's moves, with the actor each move needs.
 */
export type ApplicationParty = { merchantId: string; adminId: string };
export type ApplicationOptions = {
  /** When it was submitted (and every move after it was made): ages the queue and the digests. */
  at?: Date;
  ring?: KeyRing;
  /** Support's person for the review moves; one is made when not given. */
  supportId?: string;
};
type Qualification = { organization_type: string; merchant_shortname: string };

/** The wizard's saved draft, ready to submit (status `draft`, one "created" event). */
export async function draftApplication(db: Db, party: ApplicationParty, data: Qualification, { ring = testRing }: ApplicationOptions = {}): Promise<{ applicationId: string }> {
  const saved = await saveDraft(db, { merchantId: party.merchantId, actorId: party.adminId, ring, baseVersion: 0, step: "review", values: data as never });
  return { applicationId: saved.applicationId };
}

/**
 * Submitted for review (`pending_review`): a new sealed revision of `data`, as the wizard's submit
 * writes it (its rules are the submit service's tests). Submits a draft, or resubmits one sent back.
 */
export async function submittedApplication(db: Db, party: ApplicationParty, data: Qualification, options: ApplicationOptions = {}): Promise<{ applicationId: string; revision: number }> {
  const ring = options.ring ?? testRing;
  const [existing] = await db.select({ id: applications.id }).from(applications).where(eq(applications.merchantId, party.merchantId));
  const applicationId = existing?.id ?? (await draftApplication(db, party, data, { ring })).applicationId;
  const at = options.at ?? new Date();
  const revision = await db.transaction(async (tx) => {
    const [app] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for("update");
    const next = app!.currentRevision + 1;
    await tx.insert(applicationRevisions).values({ applicationId, merchantId: party.merchantId, revision: next, dataSealed: sealString(ring, JSON.stringify(data)), submittedBy: party.adminId, createdAt: at });
    await moveApplication(tx, {
      applicationId,
      merchantId: party.merchantId,
      from: app!.status,
      to: "pending_review",
      actor: { kind: "merchant", id: party.adminId, role: "owner" },
      event: { type: "submitted", revision: next },
      set: { currentRevision: next, submittedAt: at, draftSealed: sealString(ring, JSON.stringify(data)), organizationType: data.organization_type, merchantShortname: data.merchant_shortname },
    });
    return next;
  });
  await backdate(db, applicationId, at);
  return { applicationId, revision };
}

/** The moves from `pending_review` to each later state, in the order the console makes them. */
const pathTo: Partial<Record<ApplicationStatus, ApplicationStatus[]>> = {
  pending_review: [],
  changes_requested: ["changes_requested"],
  approved: ["approved"],
  submitting: ["approved", "submitting"],
  submitted: ["approved", "submitting", "submitted"],
};
const moverOf = (to: ApplicationStatus): "support" | "system" => (to === "approved" || to === "changes_requested" ? "support" : "system");

/**
 * An application submitted and then moved on to `status` by support and WeChat's answers: a
 * WeChat state (`checking`, `auditing`, `finished`, `rejected` …) is reached from `submitted`.
 */
export async function applicationIn(db: Db, party: ApplicationParty, status: ApplicationStatus, data: Qualification, options: ApplicationOptions = {}): Promise<{ applicationId: string; revision: number }> {
  const submitted = await submittedApplication(db, party, data, options);
  const path = pathTo[status] ?? [...pathTo.submitted!, status];
  const supportId = path.some((to) => moverOf(to) === "support") ? (options.supportId ?? (await createSupportUser(db, "Reviewer"))) : undefined;
  let from: ApplicationStatus = "pending_review";
  for (const to of path) {
    const actor: ApplicationActor = moverOf(to) === "support" ? { kind: "support", id: supportId! } : { kind: "system" };
    // Approval is support's service itself: the move, its audit row and the queued WeChat submission.
    if (to === "approved") await approveApplication(db, { id: supportId!, role: "support" }, { applicationId: submitted.applicationId, expectedRevision: submitted.revision });
    else await db.transaction((tx) => moveApplication(tx, { applicationId: submitted.applicationId, merchantId: party.merchantId, from, to, actor, event: { type: to, revision: submitted.revision } }));
    from = to;
  }
  await backdate(db, submitted.applicationId, options.at ?? new Date());
  return submitted;
}

/** Moves made "at" a past moment: the row's and the events' times, never their states. */
async function backdate(db: Db, applicationId: string, at: Date): Promise<void> {
  if (Date.now() - at.getTime() < 1000) return;
  await db.update(applications).set({ submittedAt: at, updatedAt: at }).where(eq(applications.id, applicationId));
  await db.update(applicationEvents).set({ createdAt: at }).where(eq(applicationEvents.applicationId, applicationId));
}

