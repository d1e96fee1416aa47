/** A document photo as the schema and WeChat know it: the ids `/shop/img/upload` returned. */
export type PicFile = { media_id: string; pay_media_id: string };

/** What `POST /api/media` answers with 201. */
export type UploadedMedia = PicFile & { id: string; shrunk: boolean; byte_size: number; mime_type: string };

/** WeChat takes images under 2 MB (seed 001, PicFile). */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
/** Bigger uploads are refused before they are read. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const ACCEPTED_IMAGE_TYPES = { "image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"], "image/bmp": [".bmp"] } as const;
