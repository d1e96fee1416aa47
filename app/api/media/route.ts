import { NextResponse } from "next/server";
import { requireMerchantActor } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { uploadError, uploadPhoto } from "@/lib/media/upload-photo";
import { MAX_UPLOAD_BYTES } from "@/lib/media/types";
import { getDb } from "@/lib/runtime/db";
import { routeHandler } from "@/lib/server/route";
import { wechatFor } from "@/lib/wechat";

/** Upload a document photo: multipart form data, field `file`. */
export const POST = routeHandler(async (request: Request) => {
  const actor = await requireMerchantActor();
  // Refuse a huge body by its declared length before reading it.
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_UPLOAD_BYTES + 64 * 1024) {
    throw new AppError("payload_too_large", "The file is larger than 20 MB. Choose a smaller photo.", { file: "media.errors.too_large" });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError("bad_request", "Send the photo as multipart form data in the field \"file\".", { file: "media.errors.empty" });
  }
  const file = form.get("file");
  if (!(file instanceof Blob)) throw new AppError("bad_request", "Choose a photo to upload.", { file: "media.errors.empty" });
  if (file.size > MAX_UPLOAD_BYTES) throw new AppError("payload_too_large", "The file is larger than 20 MB. Choose a smaller photo.", { file: "media.errors.too_large" });
  const db = await getDb();
  const client = await wechatFor(db, actor.merchantId).catch((error: unknown) => {
    throw uploadError(error);
  });
  const uploaded = await uploadPhoto(db, client, {
    merchantId: actor.merchantId,
    userId: actor.id,
    bytes: Buffer.from(await file.arrayBuffer()),
  });
  return NextResponse.json(uploaded, { status: 201 });
});
