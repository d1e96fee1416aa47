import { NextResponse } from "next/server";
import { loadApplication, listTimeline } from "@/lib/applications/load-application";
import { requireMerchantActor } from "@/lib/auth/guard";
import { dataKeyRing } from "@/lib/crypto/keys";
import { getFeedbackForMerchant } from "@/lib/review/merchant-feedback";
import { getDb } from "@/lib/server/db";
import { routeHandler } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** The merchant's application (draft opened), its timeline and the comments to fix. */
export const GET = routeHandler(async () => {
  const actor = await requireMerchantActor();
  const db = await getDb();
  const [application, timeline, feedback] = await Promise.all([
    loadApplication(db, { merchantId: actor.merchantId, ring: dataKeyRing() }),
    listTimeline(db, { merchantId: actor.merchantId }),
    // Support's and WeChat's comments on the fields, once the application is back with the merchant.
    getFeedbackForMerchant(db, { merchantId: actor.merchantId }),
  ]);
  return NextResponse.json({ application, timeline, feedback }, { headers: { "cache-control": "no-store" } });
});
