import { NextResponse } from "next/server";
import { loadApplication, listTimeline } from "@/lib/applications/load-application";
import { requireMerchantActor } from "@/lib/auth/guard";
import { dataKeyRing } from "@/lib/crypto/keys";
import { getDb } from "@/lib/server/db";
import { routeHandler } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** The merchant's application (draft opened) and its timeline. */
export const GET = routeHandler(async () => {
  const actor = await requireMerchantActor();
  const db = await getDb();
  const [application, timeline] = await Promise.all([
    loadApplication(db, { merchantId: actor.merchantId, ring: dataKeyRing() }),
    listTimeline(db, { merchantId: actor.merchantId }),
  ]);
  return NextResponse.json({ application, timeline }, { headers: { "cache-control": "no-store" } });
});
