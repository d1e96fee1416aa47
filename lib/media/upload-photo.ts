import type { Db } from "@/db/client";
import { mediaFiles } from "@/db/schema";
import { sealBytes } from "@/lib/crypto/at-rest";
import { dataKeyRing } from "@/lib/crypto/keys";
import { AppError } from "@/lib/errors";
import type { WeChatClient } from "@/lib/wechat/client";
import { WeChatError } from "@/lib/wechat/errors";
import { prepareImage } from "./prepare-image";
import type { UploadedMedia } from "./types";

const extensionOf = { jpeg: ".jpg", png: ".png", bmp: ".bmp" } as const;

/**
 * Checks and (if needed) shrinks a merchant's document photo, uploads it to WeChat for its
 * media_id/pay_media_id, and stores it sealed with those ids for the merchant.
 */
export async function uploadPhoto(
  db: Db,
  client: WeChatClient,
  input: { merchantId: string; userId: string; bytes: Buffer },
): Promise<UploadedMedia> {
  const image = await prepareImage(input.bytes, { userId: input.userId });
  // WeChat sees a neutral name: the user's file name can hold personal data.
  let ids;
  try {
    ids = await client.uploadImage({ bytes: image.bytes, filename: `photo${extensionOf[image.format]}`, mimeType: image.mimeType });
  } catch (error) {
    throw uploadError(error);
  }
  const [row] = await db
    .insert(mediaFiles)
    .values({
      merchantId: input.merchantId,
      uploadedBy: input.userId,
      contentSealed: sealBytes(dataKeyRing(), image.bytes),
      mimeType: image.mimeType,
      byteSize: image.bytes.length,
      width: image.width,
      height: image.height,
      shrunk: image.shrunk,
      mediaId: ids.media_id,
      payMediaId: ids.pay_media_id,
    })
    .returning({ id: mediaFiles.id });
  return { id: row!.id, media_id: ids.media_id, pay_media_id: ids.pay_media_id, shrunk: image.shrunk, byte_size: image.bytes.length, mime_type: image.mimeType };
}

/**
 * What the merchant is told when WeChat did not take the photo: 503 "try again" while WeChat is
 * down, slow or busy; 422 with WeChat's reason (as a message key) when it refused the photo; 502
 * when it answered something unreadable. Never a bare 500.
 */
export function uploadError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (!(error instanceof WeChatError)) return new AppError("unavailable", "WeChat could not be reached. Try again in a minute.", { file: "wechat.errors.unreachable" });
  if (error.transient) return new AppError("unavailable", "WeChat is not answering right now. Try again in a minute.", { file: error.merchantMessage });
  if (typeof error.errcode === "number") return new AppError("validation_failed", "WeChat did not accept the photo. Choose another photo.", { file: error.merchantMessage });
  return new AppError("upstream_failed", "WeChat answered in a way the console does not understand. Try again, or contact support.", { file: error.merchantMessage });
}
