import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applicationRevisions } from "@/db/schema";
import { openString, type KeyRing } from "@/lib/crypto/at-rest";

/** The frozen application of the given revisions, opened: a map revision → data (absent when missing). */
export async function loadRevisionData(db: Db, ring: KeyRing, { applicationId, revisions }: { applicationId: string; revisions: number[] }): Promise<Map<number, unknown>> {
  const wanted = revisions.filter((r) => r > 0);
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ revision: applicationRevisions.revision, dataSealed: applicationRevisions.dataSealed })
    .from(applicationRevisions)
    .where(and(eq(applicationRevisions.applicationId, applicationId), inArray(applicationRevisions.revision, wanted)));
  return new Map(rows.map((row) => [row.revision, JSON.parse(openString(ring, row.dataSealed)) as unknown]));
}
