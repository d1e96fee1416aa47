import { requireActor } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { readPhoto, recordPhotoView } from "@/lib/media/read-photo";
import { getDb } from "@/lib/runtime/db";
import { routeHandler } from "@/lib/server/route";

/** A stored photo by media_id: the merchant's own, or any for support; 404 for anyone else. */
export const GET = routeHandler(async (request: Request) => {
  const user = await requireActor("owner", "admin", "viewer", "support");
  const mediaId = new URL(request.url).searchParams.get("media_id");
  if (!mediaId) throw new AppError("bad_request", "Name the photo with media_id.");
  const merchantId = user.role === "support" ? null : user.merchantId;
  if (user.role !== "support" && !merchantId) throw new AppError("not_found", "Photo not found.");
  const db = await getDb();
  const photo = await readPhoto(db, { mediaId, merchantId });
  // A document photo is personal data: support looking at one is recorded like any reveal.
  if (user.role === "support") await recordPhotoView(db, { actorId: user.id, merchantId: photo.merchantId, mediaFileId: photo.id });
  return new Response(new Uint8Array(photo.bytes), {
    headers: {
      "content-type": photo.mimeType,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      "content-disposition": "inline",
    },
  });
});
