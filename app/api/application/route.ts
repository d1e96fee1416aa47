import { NextResponse } from "next/server";
import { loadDraftFlags } from "@/lib/applications/flagged-fields";
import { loadApplication, loadMiniProgram, listTimeline } from "@/lib/applications/load-application";
import { canEditMerchant } from "@/lib/auth/roles";
import { requireMerchantActor } from "@/lib/auth/guard";
import { dataKeyRing } from "@/lib/crypto/keys";
import { getFeedbackForMerchant } from "@/lib/review/merchant-feedback";
import { getDb } from "@/lib/runtime/db";
import { routeHandler } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** The merchant's application (draft opened), its timeline, the comments to fix and whether each flagged field changed. */
export const GET = routeHandler(async () => {
  const actor = await requireMerchantActor("read");
  const db = await getDb();
  const miniProgram = await loadMiniProgram(db, { merchantId: actor.merchantId });
  const [application, timeline, feedback, flags] = await Promise.all([
    loadApplication(db, { merchantId: actor.merchantId, ring: dataKeyRing(), canEdit: canEditMerchant(actor.role) }),
    listTimeline(db, { merchantId: actor.merchantId }),
    // Support's and WeChat's comments on the fields, once the application is back with the merchant.
    getFeedbackForMerchant(db, { merchantId: actor.merchantId }),
    loadDraftFlags(db, { merchantId: actor.merchantId, ring: dataKeyRing(), context: { merchantName: miniProgram?.subject_name ?? actor.merchantName } }),
  ]);
  return NextResponse.json({ application, timeline, feedback, flags }, { headers: { "cache-control": "no-store" } });
});
