import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applicationRevisions, applications, fieldComments, type ApplicationStatus } from "@/db/schema";
import { openString, type KeyRing } from "@/lib/crypto/at-rest";
import { changedPaths, flattenFields } from "@/lib/qualification/field-values";
import { openDraft } from "./draft-codec";
import { qualificationSchemaFor } from "@/lib/qualification/schema";
import { normalizeQualification, type QualificationContext } from "@/lib/qualification/rules";

/** States in which the application came back with fields to fix: a resubmission must address each. */
export const resubmissionStatuses: readonly ApplicationStatus[] = ["changes_requested", "rejected"];

/** A field support or WeChat flagged on the last revision, and whether the working copy changed it. */
export type FlaggedField = { fieldPath: string; source: "support" | "wechat"; changed: boolean };

/** The merchant's answer per flagged field that stays as it is (field path → why). */
export type FlagReplies = Record<string, string>;

/** Message key of a flagged field that neither changed nor carries a reply. */
export const FLAG_UNRESOLVED = "wizard.review.flags.unresolved";

type Reader = Pick<Db, "select">;

/**
 * The fields flagged on the application's last revision, each compared with `current` (the
 * working copy, validated when possible). Empty unless the application is back with the merchant.
 */
export async function loadFlaggedFields(
  db: Reader,
  ring: KeyRing,
  app: { id: string; merchantId: string; status: ApplicationStatus; currentRevision: number },
  current: unknown,
): Promise<FlaggedField[]> {
  if (!resubmissionStatuses.includes(app.status) || app.currentRevision < 1) return [];
  const rows = await db
    .select({ fieldPath: fieldComments.fieldPath, source: fieldComments.source })
    .from(fieldComments)
    .where(and(eq(fieldComments.applicationId, app.id), eq(fieldComments.merchantId, app.merchantId), eq(fieldComments.revision, app.currentRevision), inArray(fieldComments.source, ["support", "wechat"])))
    .orderBy(asc(fieldComments.createdAt), asc(fieldComments.id));
  if (rows.length === 0) return [];
  const [revision] = await db
    .select({ dataSealed: applicationRevisions.dataSealed })
    .from(applicationRevisions)
    .where(and(eq(applicationRevisions.applicationId, app.id), eq(applicationRevisions.merchantId, app.merchantId), eq(applicationRevisions.revision, app.currentRevision)))
    .limit(1);
  const previous = revision ? (JSON.parse(openString(ring, revision.dataSealed)) as unknown) : {};
  const changed = changedPaths(flattenFields(previous), flattenFields(current));
  const seen = new Map<string, FlaggedField>();
  for (const row of rows) {
    if (seen.has(row.fieldPath)) continue;
    // A flag on a group (a photo list, a section) is addressed by a change anywhere under it.
    const moved = [...changed].some((path) => path === row.fieldPath || path.startsWith(`${row.fieldPath}.`));
    seen.set(row.fieldPath, { fieldPath: row.fieldPath, source: row.source === "wechat" ? "wechat" : "support", changed: moved });
  }
  return [...seen.values()];
}

/** The flagged fields still unaddressed, as field errors: neither changed nor answered. */
export function unresolvedFlags(flags: FlaggedField[], replies: FlagReplies): Record<string, string> {
  return Object.fromEntries(flags.filter((f) => !f.changed && !replies[f.fieldPath]?.trim()).map((f) => [f.fieldPath, FLAG_UNRESOLVED]));
}

/** The working copy as the submit will see it: validated when it passes, else normalised as typed. */
export function comparableDraft(values: unknown, context: QualificationContext): unknown {
  const parsed = qualificationSchemaFor(context).safeParse(values);
  return parsed.success ? parsed.data : normalizeQualification(values);
}

/** The flags of the merchant's application against its saved working copy (what the wizard's review lists). */
export async function loadDraftFlags(db: Db, { merchantId, ring, context }: { merchantId: string; ring: KeyRing; context: QualificationContext }): Promise<FlaggedField[]> {
  const [app] = await db.select().from(applications).where(eq(applications.merchantId, merchantId)).limit(1);
  if (!app) return [];
  return loadFlaggedFields(db, ring, app, comparableDraft(openDraft(ring, app.draftSealed), context));
}
