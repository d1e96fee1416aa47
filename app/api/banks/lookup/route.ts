import { NextResponse } from "next/server";
import { requireMerchantActor } from "@/lib/auth/guard";
import { AppError, fieldErrors } from "@/lib/errors";
import { getDb } from "@/lib/runtime/db";
import { readJsonBody, routeHandler } from "@/lib/server/route";
import { wechatFor } from "@/lib/wechat";
import { bankLookupRequestSchema, lookupBankByNumber } from "@/lib/wechat/bank-lookup";

export const dynamic = "force-dynamic";

/** The bank of a card number, asked of WeChat under the merchant's own Mini Program (POST: the number stays out of URLs and logs). */
export const POST = routeHandler(async (request) => {
  const actor = await requireMerchantActor();
  const body = bankLookupRequestSchema.safeParse(await readJsonBody(request));
  if (!body.success) throw new AppError("validation_failed", "Type the card number's digits.", fieldErrors(body.error));
  const banks = await lookupBankByNumber(await wechatFor(await getDb(), actor.merchantId), body.data.account_number);
  return NextResponse.json({ banks }, { headers: { "cache-control": "no-store" } });
});
