import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applications, wechatSubmissions } from "@/db/schema";
import { AppError } from "@/lib/errors";

export type Submission = typeof wechatSubmissions.$inferSelect;

/**
 * Queues the application's current revision for sending to WeChat, once: the unique
 * (application_id, revision) key makes a second call, from any instance, return the same row.
 * Call it after the application was approved; the submission worker sends it.
 */
export async function enqueueSubmission(db: Db, input: { applicationId: string }): Promise<Submission> {
  const [app] = await db
    .select({ id: applications.id, merchantId: applications.merchantId, status: applications.status, revision: applications.currentRevision })
    .from(applications)
    .where(eq(applications.id, input.applicationId));
  if (!app) throw new AppError("not_found", "Application not found.");
  const where = and(eq(wechatSubmissions.applicationId, app.id), eq(wechatSubmissions.revision, app.revision));
  if (app.status !== "approved") {
    // Already on its way (or further): the row queued for this revision is the answer.
    const [existing] = await db.select().from(wechatSubmissions).where(where);
    if (existing) return existing;
    throw new AppError("conflict", "Only an approved application can be sent to WeChat.");
  }
  if (app.revision < 1) throw new AppError("conflict", "The application has no submitted revision to send.");
  await db.insert(wechatSubmissions).values({ applicationId: app.id, merchantId: app.merchantId, revision: app.revision }).onConflictDoNothing();
  const [row] = await db.select().from(wechatSubmissions).where(where);
  return row!;
}
