import { NextResponse } from "next/server";
import { requireMerchantActor } from "@/lib/auth/guard";
import { getPayment } from "@/lib/payments/get-payment";
import { getDb } from "@/lib/server/db";
import { routeHandler } from "@/lib/server/route";

/** One payment with its timeline, for the detail drawer. */
export const GET = routeHandler(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireMerchantActor();
  const { id } = await params;
  return NextResponse.json(await getPayment(await getDb(), { merchantId: actor.merchantId, id }));
});
