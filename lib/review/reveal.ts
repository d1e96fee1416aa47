import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applications } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write-audit";
import type { KeyRing } from "@/lib/crypto/at-rest";
import { AppError } from "@/lib/errors";
import { isSensitiveField } from "@/lib/qualification/sensitive-fields";
import { flattenFields } from "./fields";
import { loadRevisionData } from "./revision-data";
import { revealInputSchema } from "./review-schemas";
import { assertSupport, type ReviewActor } from "./support-actor";

/** The plaintext of one sensitive field of one revision; the audit row is written before it is returned. */
export async function revealField(db: Db, ring: KeyRing, actor: ReviewActor, input: unknown): Promise<{ value: string }> {
  assertSupport(actor);
  const { applicationId, revision, fieldPath, reason } = revealInputSchema.parse(input);
  if (!isSensitiveField(fieldPath)) throw new AppError("bad_request", "This field is not masked.");
  return db.transaction(async (tx) => {
    const [app] = await tx.select({ merchantId: applications.merchantId }).from(applications).where(eq(applications.id, applicationId));
    if (!app) throw new AppError("not_found", "This application does not exist.");
    const data = (await loadRevisionData(tx, ring, { applicationId, revisions: [revision] })).get(revision);
    if (data === undefined) throw new AppError("not_found", "This revision does not exist.");
    const value = flattenFields(data).get(fieldPath);
    if (value === undefined || value === null || typeof value === "object") throw new AppError("not_found", "This field is empty in this revision.");
    await writeAudit(tx, { actorId: actor.id, merchantId: app.merchantId, action: "reveal", subjectType: "application", subjectId: applicationId, fieldPath, reason });
    return { value: String(value) };
  });
}
