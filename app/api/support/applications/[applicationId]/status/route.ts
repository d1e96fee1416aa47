import { NextResponse } from "next/server";
import { loadApplicationStatusById } from "@/lib/applications/load-application";
import { requireSupportActor } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/pagination/cursor";
import { getDb } from "@/lib/runtime/db";
import { routeHandler } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** Where an application stands (no form data): what support's review page polls while WeChat decides. */
export const GET = routeHandler(async (_request: Request, context: { params: Promise<{ applicationId: string }> }) => {
  await requireSupportActor();
  const { applicationId } = await context.params;
  const status = isUuid(applicationId) ? await loadApplicationStatusById(await getDb(), { applicationId }) : null;
  if (!status) throw new AppError("not_found", "Application not found.");
  return NextResponse.json(status, { headers: { "cache-control": "no-store" } });
});
