import { eq } from "drizzle-orm";
import { NextResponse } from "next/server";
import { applications, merchants } from "@/db/schema";
import { requireSupportActor } from "@/lib/auth/guard";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/pagination/cursor";
import { getDb } from "@/lib/runtime/db";
import { routeHandler } from "@/lib/server/route";
import { getSandbox } from "@/lib/wechat";

/**
 * Support's development control (sandbox mode only): the WeChat sandbox takes this application's
 * next step now, so a demo shows each hand-off without waiting. Live mode answers 404.
 */
export const POST = routeHandler(async (_request: Request, context: { params: Promise<{ applicationId: string }> }) => {
  await requireSupportActor();
  const sandbox = getSandbox();
  const { applicationId } = await context.params;
  if (!getConfig().wechat.sandbox || !sandbox) throw new AppError("not_found", "The WeChat sandbox is off.");
  if (!isUuid(applicationId)) throw new AppError("not_found", "Application not found.");
  const db = await getDb();
  const [row] = await db.select({ miniProgram: merchants.miniProgram }).from(applications).innerJoin(merchants, eq(merchants.id, applications.merchantId)).where(eq(applications.id, applicationId));
  if (!row) throw new AppError("not_found", "Application not found.");
  const state = await (await sandbox).advance(row.miniProgram.appid);
  if (!state) throw new AppError("conflict", "WeChat's sandbox has no application from this Mini Program.");
  return NextResponse.json({ applyment_state: state });
});
