import { and, asc, eq, gte, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applications, merchants } from "@/db/schema";
import { wechatPending } from "@/lib/applications/lifecycle";
import { UNKNOWN_STATE_ALERT_AFTER } from "@/lib/wechat/unknown-state";

export type UnknownStateAlert = { applicationId: string; merchantId: string; merchantName: string; wechatState: string; answers: number };

/** Applications WeChat has answered with an undocumented state three times in a row: support must look. */
export async function listUnknownStateAlerts(db: Db): Promise<UnknownStateAlert[]> {
  const rows = await db
    .select({
      applicationId: applications.id,
      merchantId: applications.merchantId,
      merchantName: merchants.name,
      wechatState: applications.wechatState,
      answers: applications.wechatUnknownCount,
    })
    .from(applications)
    .innerJoin(merchants, eq(merchants.id, applications.merchantId))
    .where(and(gte(applications.wechatUnknownCount, UNKNOWN_STATE_ALERT_AFTER), inArray(applications.status, [...wechatPending])))
    .orderBy(asc(merchants.name), asc(applications.id))
    .limit(100);
  return rows.map((r) => ({ ...r, wechatState: r.wechatState ?? "" }));
}
