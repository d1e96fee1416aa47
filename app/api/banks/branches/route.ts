import { NextResponse } from "next/server";
import { requireMerchantActor } from "@/lib/auth/guard";
import { AppError, fieldErrors } from "@/lib/errors";
import { getDb } from "@/lib/runtime/db";
import { readJsonBody, routeHandler } from "@/lib/server/route";
import { wechatFor } from "@/lib/wechat";
import { branchSearchRequestSchema, searchBranches } from "@/lib/wechat/bank-lookup";

export const dynamic = "force-dynamic";

/** A bank's branches in the account's city, from WeChat under the merchant's own Mini Program. */
export const POST = routeHandler(async (request) => {
  const actor = await requireMerchantActor();
  const body = branchSearchRequestSchema.safeParse(await readJsonBody(request));
  if (!body.success) throw new AppError("validation_failed", "Choose the bank and the account's city first.", fieldErrors(body.error));
  const branches = await searchBranches(await wechatFor(await getDb(), actor.merchantId), body.data);
  return NextResponse.json({ branches }, { headers: { "cache-control": "no-store" } });
});
