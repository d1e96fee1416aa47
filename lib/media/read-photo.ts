import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mediaFiles } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write-audit";
import { openBytes } from "@/lib/crypto/at-rest";
import { dataKeyRing } from "@/lib/crypto/keys";
import { AppError } from "@/lib/errors";

/**
 * A stored photo by its media_id: a merchant reads only its own (`merchantId`), support any
 * (`merchantId: null`). Someone else's photo is "not found", not "forbidden".
 */
export async function readPhoto(db: Db, input: { mediaId: string; merchantId: string | null }): Promise<{ bytes: Buffer; mimeType: string; id: string; merchantId: string }> {
  const where = input.merchantId === null ? eq(mediaFiles.mediaId, input.mediaId) : and(eq(mediaFiles.mediaId, input.mediaId), eq(mediaFiles.merchantId, input.merchantId));
  const [row] = await db
    .select({ id: mediaFiles.id, merchantId: mediaFiles.merchantId, contentSealed: mediaFiles.contentSealed, mimeType: mediaFiles.mimeType })
    .from(mediaFiles)
    .where(where);
  if (!row) throw new AppError("not_found", "Photo not found.");
  return { id: row.id, merchantId: row.merchantId, bytes: openBytes(dataKeyRing(), row.contentSealed), mimeType: row.mimeType };
}

/** Support viewed a merchant's document photo: one audit row. */
export async function recordPhotoView(db: Db, input: { actorId: string; merchantId: string; mediaFileId: string }): Promise<void> {
  await writeAudit(db, { actorId: input.actorId, merchantId: input.merchantId, action: "view_photo", subjectType: "media_file", subjectId: input.mediaFileId });
}
