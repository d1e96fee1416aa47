import sharp, { type Sharp } from "sharp";
import { AppError } from "@/lib/errors";
import { decodeBmp, mimeOf, readBmpInfo, sniffImageFormat, type ImageFormat } from "./image-format";
import { MAX_IMAGE_BYTES, MAX_UPLOAD_BYTES } from "./types";

export type PreparedImage = { bytes: Buffer; format: ImageFormat; mimeType: string; width: number; height: number; shrunk: boolean; originalBytes: number };

// A shrunk document photo keeps at least this long edge so that its text stays readable.
const MIN_LONG_EDGE = 1000;
const START_LONG_EDGE = 4096;
const QUALITIES = [85, 75] as const;

/** Field messages are i18n keys of the `media` namespace; the English text is for API callers. */
const refuse = {
  empty: () => new AppError("bad_request", "Choose a photo to upload.", { file: "media.errors.empty" }),
  format: () => new AppError("unsupported_media_type", "Only JPG, PNG and BMP images are accepted.", { file: "media.errors.format" }),
  damaged: () => new AppError("unsupported_media_type", "The image is damaged or incomplete. Only whole JPG, PNG and BMP images are accepted.", { file: "media.errors.damaged" }),
  tooLarge: () => new AppError("payload_too_large", "The file is larger than 20 MB. Choose a smaller photo.", { file: "media.errors.too_large" }),
  cannotShrink: () => new AppError("payload_too_large", "The photo cannot be made smaller than 2 MB while keeping it legible. Take a smaller photo.", { file: "media.errors.cannot_shrink" }),
};

/**
 * Checks an uploaded photo by its bytes (JPG, PNG or BMP, whole) and brings it under 2 MB, re-encoding
 * a larger one as JPEG at a legible size. Throws AppError with a message naming the accepted formats.
 */
export async function prepareImage(bytes: Buffer): Promise<PreparedImage> {
  if (bytes.length === 0) throw refuse.empty();
  if (bytes.length > MAX_UPLOAD_BYTES) throw refuse.tooLarge();
  const format = sniffImageFormat(bytes);
  if (!format) throw refuse.format();

  let width: number;
  let height: number;
  let source: () => Sharp;
  if (format === "bmp") {
    const info = readBmpInfo(bytes);
    if (!info) throw refuse.damaged();
    ({ width, height } = info);
    if (bytes.length < MAX_IMAGE_BYTES) return { bytes, format, mimeType: mimeOf.bmp, width, height, shrunk: false, originalBytes: bytes.length };
    const pixels = decodeBmp(bytes, info);
    if (!pixels) throw refuse.cannotShrink();
    source = () => sharp(pixels, { raw: { width, height, channels: 3 } });
  } else {
    try {
      // Decoding every pixel is what finds a truncated file; the header alone would pass.
      const decoded = await sharp(bytes, { failOn: "truncated" }).rotate().raw().toBuffer({ resolveWithObject: true });
      ({ width, height } = decoded.info);
    } catch {
      throw refuse.damaged();
    }
    if (bytes.length < MAX_IMAGE_BYTES) return { bytes, format, mimeType: mimeOf[format], width, height, shrunk: false, originalBytes: bytes.length };
    source = () => sharp(bytes).rotate();
  }

  const longEdge = Math.max(width, height);
  const edges: number[] = [];
  for (let edge = Math.min(longEdge, START_LONG_EDGE); edge > MIN_LONG_EDGE; edge = Math.floor(edge * 0.8)) edges.push(edge);
  edges.push(Math.min(longEdge, MIN_LONG_EDGE));
  for (const edge of edges) {
    for (const quality of QUALITIES) {
      const { data, info } = await source()
        .resize({ width: edge, height: edge, fit: "inside", withoutEnlargement: true })
        .flatten({ background: "#ffffff" })
        .jpeg({ quality, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
      if (data.length < MAX_IMAGE_BYTES) {
        return { bytes: data, format: "jpeg", mimeType: mimeOf.jpeg, width: info.width, height: info.height, shrunk: true, originalBytes: bytes.length };
      }
    }
  }
  throw refuse.cannotShrink();
}
