import { NextResponse } from "next/server";
import { loadApplicationStatus } from "@/lib/applications/load-application";
import { requireMerchantActor } from "@/lib/auth/guard";
import { getDb } from "@/lib/runtime/db";
import { routeHandler } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** Where the merchant's application stands (no form data): what Onboarding polls while WeChat decides. */
export const GET = routeHandler(async () => {
  const actor = await requireMerchantActor("read");
  const status = await loadApplicationStatus(await getDb(), { merchantId: actor.merchantId });
  return NextResponse.json(status, { headers: { "cache-control": "no-store" } });
});
