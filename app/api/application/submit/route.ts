import { NextResponse } from "next/server";
import { loadMiniProgram } from "@/lib/applications/load-application";
import { submitRequestSchema } from "@/lib/applications/requests";
import { submitApplication } from "@/lib/applications/submit-application";
import { requireMerchantActor } from "@/lib/auth/guard";
import { dataKeyRing } from "@/lib/crypto/keys";
import { AppError } from "@/lib/errors";
import { getDb } from "@/lib/runtime/db";
import { logger } from "@/lib/runtime/logger";
import { readJsonBody, routeHandler } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** Validates the whole draft on the server and submits it for review; repeats return the same revision. */
export const POST = routeHandler(async (request) => {
  const actor = await requireMerchantActor();
  const body = submitRequestSchema.safeParse(await readJsonBody(request));
  if (!body.success) throw new AppError("bad_request", "The submission could not be read.");
  const db = await getDb();
  const miniProgram = await loadMiniProgram(db, { merchantId: actor.merchantId });
  const result = await submitApplication(db, {
    merchantId: actor.merchantId,
    actorId: actor.id,
    actorRole: actor.role,
    ring: dataKeyRing(),
    merchantName: miniProgram?.subject_name ?? actor.merchantName,
    baseVersion: body.data.version,
    replies: body.data.replies,
  });
  if (!result.replayed) logger.info("application.submitted", { applicationId: result.applicationId, revision: result.revision });
  return NextResponse.json(result);
});
