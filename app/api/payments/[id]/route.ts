import { NextResponse } from "next/server";
import { requireMerchantActor } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { getPayment } from "@/lib/payments/get-payment";
import { uuidPattern } from "@/lib/validation/params";
import { getDb } from "@/lib/runtime/db";
import { routeHandler } from "@/lib/server/route";

/** One payment with its timeline, for the detail drawer. */
export const GET = routeHandler(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const actor = await requireMerchantActor("read");
  const { id } = await params;
  if (!uuidPattern.test(id)) throw new AppError("bad_request", "The payment id is not a UUID.", { id: "validation.uuid" });
  return NextResponse.json(await getPayment(await getDb(), { merchantId: actor.merchantId, id }));
});
