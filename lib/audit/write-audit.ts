import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";

export type AuditAction = "reveal" | "comment" | "delete_comment" | "request_changes" | "approve";

export type AuditEntry = {
  actorId: string;
  merchantId: string | null;
  action: AuditAction;
  subjectType: "application";
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
