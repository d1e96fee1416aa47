import { NextResponse } from "next/server";
import { saveDraftRequestSchema } from "@/lib/applications/requests";
import { saveDraft } from "@/lib/applications/save-draft";
import { requireMerchantActor } from "@/lib/auth/guard";
import { dataKeyRing } from "@/lib/crypto/keys";
import { AppError } from "@/lib/errors";
import { getDb } from "@/lib/runtime/db";
import { readJsonBody, routeHandler } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** Saves the working copy; 409 with the stored version when another tab or device saved first. */
export const PUT = routeHandler(async (request) => {
  const actor = await requireMerchantActor();
  const body = saveDraftRequestSchema.safeParse(await readJsonBody(request));
  if (!body.success) throw new AppError("bad_request", "The draft could not be read.");
  const saved = await saveDraft(await getDb(), {
    merchantId: actor.merchantId,
    actorId: actor.id,
    actorRole: actor.role,
    ring: dataKeyRing(),
    baseVersion: body.data.version,
    writer: body.data.writer,
    step: body.data.step,
    values: body.data.values,
  });
  return NextResponse.json({ version: saved.version });
});
