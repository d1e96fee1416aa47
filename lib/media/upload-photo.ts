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
  const image = await prepareImage(input.bytes);
  // WeChat sees a neutral name: the user's file name can hold personal data.
  let ids;
  try {
    ids = await client.uploadImage({ bytes: image.bytes, filename: `photo${extensionOf[image.format]}`, mimeType: image.mimeType });
  } catch (error) {
    if (error instanceof WeChatError) {
      throw new AppError(error.transient ? "unavailable" : "upstream_failed", "WeChat did not accept the photo. Try again, or choose another photo.", { file: error.merchantMessage });
    }
    throw error;
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
