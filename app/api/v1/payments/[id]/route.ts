import { NextResponse } from "next/server";
import { getApiPayment } from "@/lib/payments/api-payments";
import { apiRoute } from "@/lib/server/api-route";
import { getDb } from "@/lib/runtime/db";

/** One payment of the caller's merchant. */
export const GET = apiRoute(async (_request, caller, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  return NextResponse.json(await getApiPayment(await getDb(), { merchantId: caller.merchantId, id }));
});
