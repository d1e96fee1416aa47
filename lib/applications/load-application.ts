import { and, asc, eq, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applicationEvents, applications, merchants, type ApplicationStatus, type MiniProgramProfile } from "@/db/schema";
import type { KeyRing } from "@/lib/crypto/at-rest";
import { WIZARD_STEPS, type WizardStep } from "@/lib/qualification/rules";
import { sensitiveFields } from "@/lib/qualification/sensitive-fields";
import { maskValue } from "@/lib/crypto/mask";
import { openDraft, type DraftValues } from "./draft-codec";
import { editableStatuses } from "./lifecycle";

export type ApplicationView = {
  id: string | null;
  status: ApplicationStatus;
  editable: boolean;
  /** `writer`: the browser tab that saved this version (a random id, no personal data). */
  draft: { values: DraftValues; step: WizardStep; version: number; writer: string | null };
  currentRevision: number;
  submittedAt: string | null;
  wechatMessage: string | null;
  /** WeChat's raw applyment_state and the hand-off details of its last answer (no personal data). */
  wechatState: string | null;
  wechatHandoff: WeChatHandoff | null;
};

export type WeChatHandoff = {
  applyment_state_desc?: string;
  account_validation?: Record<string, string | number | undefined>;
  sign_url?: string;
  legal_validation_url?: string;
  sub_mchid?: string;
};

/**
 * The merchant's application with its working copy opened; an empty draft (version 0) when none exists yet.
 * `canEdit` is whether the viewer may change it (owner or admin): anyone else sees it read-only and masked.
 */
export async function loadApplication(db: Db, { merchantId, ring, canEdit }: { merchantId: string; ring: KeyRing; canEdit: boolean }): Promise<ApplicationView> {
  const [row] = await db.select().from(applications).where(eq(applications.merchantId, merchantId)).limit(1);
  if (!row) {
    return { id: null, status: "draft", editable: canEdit, draft: { values: {}, step: "subject", version: 0, writer: null }, currentRevision: 0, submittedAt: null, wechatMessage: null, wechatState: null, wechatHandoff: null };
  }
  const step = (WIZARD_STEPS as readonly string[]).includes(row.draftStep) ? (row.draftStep as WizardStep) : "subject";
  const editable = canEdit && editableStatuses.includes(row.status);
  const values = openDraft(ring, row.draftSealed);
  return {
    id: row.id,
    status: row.status,
    editable,
    // Plaintext travels to the browser only for the draft the merchant is editing.
    draft: { values: editable ? values : maskSensitive(values), step, version: row.draftVersion, writer: row.draftWriter },
    currentRevision: row.currentRevision,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    wechatMessage: row.wechatMessage,
    wechatState: row.wechatState,
    wechatHandoff: (row.wechatHandoff as WeChatHandoff | null) ?? null,
  };
}

/** A copy with every personal value (ID numbers, names, accounts, phones, emails, addresses) masked. */
export function maskSensitive(values: DraftValues): DraftValues {
  const copy = structuredClone(values);
  for (const [path, kind] of Object.entries(sensitiveFields)) {
    const [section, field] = path.split(".") as [string, string];
    const parent = copy[section];
    if (parent && typeof parent === "object" && !Array.isArray(parent)) {
      const value = (parent as Record<string, unknown>)[field];
      if (typeof value === "string" && value !== "") (parent as Record<string, unknown>)[field] = maskValue(kind, value);
    }
  }
  return copy;
}

/** The status alone, for polling: changes whenever WeChat's answer does. */
export async function loadApplicationStatus(db: Db, { merchantId }: { merchantId: string }): Promise<ApplicationStatusSummary> {
  return statusWhere(db, eq(applications.merchantId, merchantId)).then((s) => s ?? { status: "draft", wechatState: null, version: "none" });
}

/** The same, by application id (support's pages). */
export async function loadApplicationStatusById(db: Db, { applicationId }: { applicationId: string }): Promise<ApplicationStatusSummary | null> {
  return statusWhere(db, eq(applications.id, applicationId));
}

export type ApplicationStatusSummary = { status: ApplicationStatus; wechatState: string | null; version: string };

async function statusWhere(db: Db, where: SQL): Promise<ApplicationStatusSummary | null> {
  const [row] = await db
    .select({ status: applications.status, wechatState: applications.wechatState, handoff: applications.wechatHandoff })
    .from(applications)
    .where(where)
    .limit(1);
  if (!row) return null;
  return { status: row.status, wechatState: row.wechatState, version: `${row.status}:${row.wechatState ?? ""}:${JSON.stringify(row.handoff ?? {})}` };
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

/** The columns of a timeline event that both the merchant's and support's timelines show. */
export const timelineColumns = {
  id: applicationEvents.id,
  type: applicationEvents.type,
  fromStatus: applicationEvents.fromStatus,
  toStatus: applicationEvents.toStatus,
  revision: applicationEvents.revision,
  actorRole: applicationEvents.actorRole,
  note: applicationEvents.note,
  createdAt: applicationEvents.createdAt,
};

/** The merchant-visible timeline of the application, oldest first (internal support events left out). */
export async function listTimeline(db: Db, { merchantId }: { merchantId: string }): Promise<TimelineEvent[]> {
  const rows = await db
    .select(timelineColumns)
    .from(applicationEvents)
    .where(and(eq(applicationEvents.merchantId, merchantId), eq(applicationEvents.internal, false)))
    .orderBy(asc(applicationEvents.createdAt), asc(applicationEvents.id));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
