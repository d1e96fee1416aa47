import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";

/** Every action the audit log records; each has a label in both languages (audit.actions). */
export const auditActions = [
  // Review of applications.
  "reveal", "comment", "delete_comment", "request_changes", "approve", "view_photo",
  // People and tenants.
  "staff_created", "invitation_sent", "invitation_resent", "invitation_revoked", "invitation_accepted", "role_changed", "member_removed",
  "password_changed", "password_reset_requested", "password_reset", "two_factor_enabled", "two_factor_reset", "recovery_codes_regenerated",
  "merchant_created", "merchant_updated", "merchant_app_secret_set", "merchant_deactivated", "merchant_reactivated", "staff_deactivated",
  "mail_opted_out", "mail_opted_in",
] as const;
export type AuditAction = (typeof auditActions)[number];

export type AuditEntry = {
  /** Null when the operator's command line acted (scripts/admin.ts). */
  actorId: string | null;
  merchantId: string | null;
  action: AuditAction;
  subjectType: "application" | "user" | "merchant" | "invitation" | "media_file";
  subjectId: string;
  fieldPath?: string | null;
  reason?: string | null;
};

/** Appends one audit row; callers pass their transaction so the row commits with the act it records. */
export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    merchantId: entry.merchantId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    fieldPath: entry.fieldPath ?? null,
    reason: entry.reason ?? null,
  });
}
