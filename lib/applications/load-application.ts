import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applicationEvents, applications, merchants, type ApplicationStatus, type MiniProgramProfile } from "@/db/schema";
import type { KeyRing } from "@/lib/crypto/at-rest";
import { WIZARD_STEPS, type WizardStep } from "@/lib/qualification/schema";
import { openDraft, type DraftValues } from "./draft-codec";
import { editableStatuses } from "./state";

export type ApplicationView = {
  id: string | null;
  status: ApplicationStatus;
  editable: boolean;
  draft: { values: DraftValues; step: WizardStep; version: number };
  currentRevision: number;
  submittedAt: string | null;
  wechatMessage: string | null;
};

/** The merchant's application with its working copy opened; an empty draft (version 0) when none exists yet. */
export async function loadApplication(db: Db, { merchantId, ring }: { merchantId: string; ring: KeyRing }): Promise<ApplicationView> {
  const [row] = await db.select().from(applications).where(eq(applications.merchantId, merchantId)).limit(1);
  if (!row) {
    return { id: null, status: "draft", editable: true, draft: { values: {}, step: "subject", version: 0 }, currentRevision: 0, submittedAt: null, wechatMessage: null };
  }
  const step = (WIZARD_STEPS as readonly string[]).includes(row.draftStep) ? (row.draftStep as WizardStep) : "subject";
  return {
    id: row.id,
    status: row.status,
    editable: editableStatuses.includes(row.status),
    draft: { values: openDraft(ring, row.draftSealed), step, version: row.draftVersion },
    currentRevision: row.currentRevision,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    wechatMessage: row.wechatMessage,
  };
}

/** What the application reuses from the Mini Program (shown read-only) and the name corporate accounts must carry. */
export async function loadMiniProgram(db: Db, { merchantId }: { merchantId: string }): Promise<MiniProgramProfile | null> {
  const [row] = await db.select({ miniProgram: merchants.miniProgram }).from(merchants).where(eq(merchants.id, merchantId)).limit(1);
  return row?.miniProgram ?? null;
}

export type TimelineEvent = {
  id: string;
  type: string;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus | null;
  revision: number | null;
  actorRole: string | null;
  note: string | null;
  createdAt: string;
};

/** The merchant-visible timeline of the application, oldest first (internal support events left out). */
export async function listTimeline(db: Db, { merchantId }: { merchantId: string }): Promise<TimelineEvent[]> {
  const rows = await db
    .select({
      id: applicationEvents.id,
      type: applicationEvents.type,
      fromStatus: applicationEvents.fromStatus,
      toStatus: applicationEvents.toStatus,
      revision: applicationEvents.revision,
      actorRole: applicationEvents.actorRole,
      note: applicationEvents.note,
      createdAt: applicationEvents.createdAt,
    })
    .from(applicationEvents)
    .where(and(eq(applicationEvents.merchantId, merchantId), eq(applicationEvents.internal, false)))
    .orderBy(asc(applicationEvents.createdAt), asc(applicationEvents.id));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
