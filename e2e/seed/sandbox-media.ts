import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import { sandboxMedia } from "@/db/schema";
import type { PicFile } from "@/lib/qualification/schema";

/**
 * For seed data only: tells the sandbox about photos stored without going through
 * /shop/img/upload (the server is not listening yet at seed time), so that an application using
 * them is not refused with 40007 "invalid media_id" as WeChat would refuse unknown ids (or ids
 * uploaded under another Mini Program).
 */
export async function registerSandboxMedia(db: Db, appid: string, photos: (PicFile & { bytes: Buffer })[]): Promise<void> {
  if (photos.length === 0) return;
  await db
    .insert(sandboxMedia)
    .values(photos.map((p) => ({ mediaId: p.media_id, payMediaId: p.pay_media_id, appid, byteSize: p.bytes.length, sha256: createHash("sha256").update(p.bytes).digest("hex") })))
    .onConflictDoNothing();
}
