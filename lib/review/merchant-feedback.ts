import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applications, fieldComments, type ApplicationStatus } from "@/db/schema";

export type MerchantFeedback = {
  status: ApplicationStatus | null;
  revision: number;
  /** What the merchant must fix: support's comments and WeChat's reasons on the last revision. */
  comments: { fieldPath: string; body: string; source: "support" | "wechat" }[];
  /** WeChat's last message for the application, already readable by the merchant. */
  wechatMessage: string | null;
};

// Comments are the merchant's business only once the application has come back to them.
const feedbackStatuses: readonly ApplicationStatus[] = ["changes_requested", "rejected"];

/** The comments the wizard shows under the fields and in its "needs fixing" list. */
export async function getFeedbackForMerchant(db: Db, { merchantId }: { merchantId: string }): Promise<MerchantFeedback> {
  const [app] = await db
    .select({ id: applications.id, status: applications.status, revision: applications.currentRevision, wechatMessage: applications.wechatMessage })
    .from(applications)
    .where(eq(applications.merchantId, merchantId));
  if (!app) return { status: null, revision: 0, comments: [], wechatMessage: null };
  if (!feedbackStatuses.includes(app.status)) return { status: app.status, revision: app.revision, comments: [], wechatMessage: app.wechatMessage };
  const rows = await db
    .select({ fieldPath: fieldComments.fieldPath, body: fieldComments.body, source: fieldComments.source })
    .from(fieldComments)
    .where(and(eq(fieldComments.applicationId, app.id), eq(fieldComments.merchantId, merchantId), eq(fieldComments.revision, app.revision), inArray(fieldComments.source, ["support", "wechat"])))
    .orderBy(asc(fieldComments.createdAt), asc(fieldComments.id));
  return {
    status: app.status,
    revision: app.revision,
    comments: rows.map((r) => ({ fieldPath: r.fieldPath, body: r.body, source: r.source === "wechat" ? "wechat" : "support" })),
    wechatMessage: app.wechatMessage,
  };
}

