import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applications, wechatSubmissions } from "@/db/schema";
import { AppError } from "@/lib/errors";

/**
 * PLACEHOLDER from the review branch so approval compiles before the WeChat branch lands: the
 * WeChat engineer's file of the same name replaces this one. Creates the send-once submission row
 * for the application's current revision (a second call for the same revision does nothing).
 */
export async function enqueueSubmission(db: Db, { applicationId }: { applicationId: string }): Promise<void> {
  const [app] = await db.select({ merchantId: applications.merchantId, revision: applications.currentRevision }).from(applications).where(eq(applications.id, applicationId));
  if (!app) throw new AppError("not_found", "This application does not exist.");
  await db.insert(wechatSubmissions).values({ applicationId, merchantId: app.merchantId, revision: app.revision }).onConflictDoNothing();
}
