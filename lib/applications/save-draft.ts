import { and, desc, eq, gt, or, sql } from "drizzle-orm";
import type { MerchantRole } from "@/lib/auth/roles";
import type { Db } from "@/db/client";
import { applicationEvents, applications } from "@/db/schema";
import type { KeyRing } from "@/lib/crypto/at-rest";
import { AppError } from "@/lib/errors";
import type { WizardStep } from "@/lib/qualification/rules";
import { MAX_DRAFT_BYTES, sealDraft, type DraftValues } from "./draft-codec";
import { editableStatuses } from "./lifecycle";

// Saves within this window extend one "saved" event instead of flooding the timeline.
const SAVE_EVENT_WINDOW_MS = 15 * 60 * 1000;

export type SaveDraftInput = {
  merchantId: string;
  actorId: string;
  /** The acting person's role (owner or admin), recorded on the event. */
  actorRole?: MerchantRole;
  ring: KeyRing;
  /** The version the client's values were based on (0 when no application exists yet). */
  baseVersion: number;
  /**
   * The browser tab sending the save. When the stored version was written by this same tab (its
   * earlier save landed after the page read the draft, as on a reload mid-save), the save goes
   * through; a version written by any other tab or device is a conflict.
   */
  writer?: string;
  step: WizardStep;
  values: DraftValues;
};

export class DraftConflictError extends AppError {
  constructor(readonly currentVersion: number) {
    super("conflict", "This application was changed in another tab or on another device. Reload to continue from the latest version.");
  }

  override toJSON() {
    return { error: { code: this.code, message: this.message, current_version: this.currentVersion } };
  }
}

/**
 * Stores the raw form values as the new draft version. Optimistic concurrency: the write only
 * succeeds if the stored version is still `baseVersion`, so two tabs never overwrite each other.
 */
export async function saveDraft(db: Db, input: SaveDraftInput): Promise<{ applicationId: string; version: number }> {
  const json = JSON.stringify(input.values);
  if (Buffer.byteLength(json, "utf8") > MAX_DRAFT_BYTES) throw new AppError("payload_too_large", "The draft is too large to save.");
  const sealed = sealDraft(input.ring, input.values);

  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: applications.id, status: applications.status, version: applications.draftVersion })
      .from(applications)
      .where(eq(applications.merchantId, input.merchantId))
      .for("update")
      .limit(1);

    if (!existing) {
      if (input.baseVersion !== 0) throw new DraftConflictError(0);
      const [created] = await tx
        .insert(applications)
        .values({ merchantId: input.merchantId, draftSealed: sealed, draftStep: input.step, draftVersion: 1, draftWriter: input.writer ?? null })
        .onConflictDoNothing({ target: applications.merchantId })
        .returning({ id: applications.id });
      // Another request created it first: that is a conflict like any other.
      if (!created) throw new DraftConflictError(1);
      await tx.insert(applicationEvents).values({ applicationId: created.id, merchantId: input.merchantId, type: "created", toStatus: "draft", actorId: input.actorId, actorRole: input.actorRole ?? "owner" });
      return { applicationId: created.id, version: 1 };
    }

    if (!editableStatuses.includes(existing.status)) {
      throw new AppError("conflict", "The application is being reviewed and cannot be changed now.");
    }
    const updated = await tx
      .update(applications)
      .set({ draftSealed: sealed, draftStep: input.step, draftVersion: sql`${applications.draftVersion} + 1`, draftWriter: input.writer ?? null, updatedAt: new Date() })
      .where(
        and(
          eq(applications.id, existing.id),
          eq(applications.merchantId, input.merchantId),
          input.writer ? or(eq(applications.draftVersion, input.baseVersion), and(gt(applications.draftVersion, input.baseVersion), eq(applications.draftWriter, input.writer))) : eq(applications.draftVersion, input.baseVersion),
        ),
      )
      .returning({ version: applications.draftVersion });
    if (!updated[0]) throw new DraftConflictError(existing.version);

    const [last] = await tx
      .select({ id: applicationEvents.id, type: applicationEvents.type, actorId: applicationEvents.actorId, createdAt: applicationEvents.createdAt })
      .from(applicationEvents)
      .where(and(eq(applicationEvents.applicationId, existing.id), eq(applicationEvents.merchantId, input.merchantId)))
      .orderBy(desc(applicationEvents.createdAt))
      .limit(1);
    if (last && last.type === "saved" && last.actorId === input.actorId && Date.now() - last.createdAt.getTime() < SAVE_EVENT_WINDOW_MS) {
      await tx.update(applicationEvents).set({ details: { version: updated[0].version } }).where(and(eq(applicationEvents.id, last.id), eq(applicationEvents.merchantId, input.merchantId)));
    } else {
      await tx.insert(applicationEvents).values({ applicationId: existing.id, merchantId: input.merchantId, type: "saved", actorId: input.actorId, actorRole: input.actorRole ?? "owner", details: { version: updated[0].version } });
    }
    return { applicationId: existing.id, version: updated[0].version };
  });
}
