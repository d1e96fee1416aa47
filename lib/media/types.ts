import type { PicFile } from "@/lib/qualification/schema";

/** What `POST /api/media` answers with 201. */
export type UploadedMedia = PicFile & { id: string; shrunk: boolean; byte_size: number; mime_type: string };

/** Bigger uploads are refused before they are read. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const ACCEPTED_IMAGE_TYPES = { "image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"], "image/bmp": [".bmp"] } as const;
