import sharp, { type Sharp } from "sharp";
import { AppError } from "@/lib/errors";
import { decodeBmp, imageEnd, mimeOf, readBmpInfo, sniffImageFormat, type ImageFormat } from "./image-format";
import { MAX_IMAGE_BYTES, MAX_UPLOAD_BYTES } from "./types";

export type PreparedImage = { bytes: Buffer; format: ImageFormat; mimeType: string; width: number; height: number; shrunk: boolean; originalBytes: number };

// A shrunk document photo keeps at least this long edge so that its text stays readable.
const MIN_LONG_EDGE = 1000;
const START_LONG_EDGE = 4096;
const QUALITY = 85;
/**
 * Sharp's own default (about 268 million pixels) would let a small, highly compressed PNG make the
 * server decode gigabytes: a document photo needs far fewer (a 108 MP phone camera is 12000 × 9000).
 */
export const MAX_INPUT_PIXELS = 120_000_000;
const LOW_QUALITY = 70;

/** Field messages are i18n keys of the `media` namespace; the English text is for API callers. */
const refuse = {
  empty: () => new AppError("bad_request", "Choose a photo to upload.", { file: "media.errors.empty" }),
  format: () => new AppError("unsupported_media_type", "Only JPG, PNG and BMP images are accepted.", { file: "media.errors.format" }),
  damaged: () => new AppError("unsupported_media_type", "The image is damaged or incomplete. Only whole JPG, PNG and BMP images are accepted.", { file: "media.errors.damaged" }),
  tooLarge: () => new AppError("payload_too_large", "The file is larger than 20 MB. Choose a smaller photo.", { file: "media.errors.too_large" }),
  tooManyPixels: () => new AppError("payload_too_large", "The image has too many pixels (over 120 megapixels). Choose a smaller photo.", { file: "media.errors.too_many_pixels" }),
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
  // Whatever follows the image's end (a polyglot's ZIP, HTML or script) is cut off, never stored.
  const end = imageEnd(bytes, format);
  if (end === null) throw refuse.damaged();
  if (end < bytes.length) bytes = bytes.subarray(0, end);

  let width: number;
  let height: number;
  let source: () => Sharp;
  if (format === "bmp") {
    const info = readBmpInfo(bytes);
    if (!info) throw refuse.damaged();
    ({ width, height } = info);
    if (width * height > MAX_INPUT_PIXELS) throw refuse.tooManyPixels();
    if (bytes.length < MAX_IMAGE_BYTES) return { bytes, format, mimeType: mimeOf.bmp, width, height, shrunk: false, originalBytes: bytes.length };
    const pixels = decodeBmp(bytes, info);
    if (!pixels) throw refuse.cannotShrink();
    source = () => sharp(pixels, { raw: { width, height, channels: 3 } });
  } else {
    // The header says how many pixels decoding would make: refuse a decompression bomb before allocating them.
    // Header only: no pixel limit here, so an oversized image is named as such rather than as damaged.
    const header = await sharp(bytes, { limitInputPixels: false }).metadata().catch(() => null);
    if (!header?.width || !header.height) throw refuse.damaged();
    if (header.width * header.height > MAX_INPUT_PIXELS) throw refuse.tooManyPixels();
    try {
      // Decoding every pixel is what finds a truncated file; the header alone would pass.
      const decoded = await sharp(bytes, { failOn: "truncated", limitInputPixels: MAX_INPUT_PIXELS }).rotate().raw().toBuffer({ resolveWithObject: true });
      ({ width, height } = decoded.info);
    } catch {
      throw refuse.damaged();
    }
    if (bytes.length < MAX_IMAGE_BYTES) return { bytes, format, mimeType: mimeOf[format], width, height, shrunk: false, originalBytes: bytes.length };
    source = () => sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).rotate();
  }

  // Decode once; each attempt resizes the pixels and estimates the next size from the last result.
  const decoded = await source().raw().toBuffer({ resolveWithObject: true });
  const raw = { width: decoded.info.width, height: decoded.info.height, channels: decoded.info.channels };
  const encode = (edge: number, quality: number) =>
    sharp(decoded.data, { raw })
      .resize({ width: edge, height: edge, fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality })
      .toBuffer({ resolveWithObject: true });
  const longEdge = Math.max(raw.width, raw.height);
  const floor = Math.min(longEdge, MIN_LONG_EDGE);
  let edge = Math.min(longEdge, START_LONG_EDGE);
  for (let attempt = 0; attempt < 8; attempt++) {
    const quality = edge === floor ? LOW_QUALITY : QUALITY;
    const { data, info } = await encode(edge, quality);
    if (data.length < MAX_IMAGE_BYTES) {
      return { bytes: data, format: "jpeg", mimeType: mimeOf.jpeg, width: info.width, height: info.height, shrunk: true, originalBytes: bytes.length };
    }
    if (edge === floor && quality === LOW_QUALITY) break;
    // Bytes grow with the pixel count: aim for 90% of the limit, and always step down.
    const scale = Math.min(0.9, Math.sqrt((MAX_IMAGE_BYTES * 0.9) / data.length));
    edge = Math.max(floor, Math.floor(edge * scale));
  }
  throw refuse.cannotShrink();
}
