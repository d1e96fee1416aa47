import sharp from "sharp";
import { AppError } from "@/lib/errors";
import { MAX_IMAGE_BYTES, decodeBmp, imageEnd, mimeOf, readBmpInfo, sniffImageFormat, stripMetadata, type ImageFormat } from "@/lib/images/format";
import { decodeSlots } from "./decode-slots";
import { MAX_UPLOAD_BYTES } from "./types";

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
/**
 * Pixels are not the cost: bytes are. A 16-bit RGBA pixel is 8 bytes, an 8-bit RGB one 3. 150 MB
 * takes a 48-megapixel 8-bit phone photo and refuses a 10,900² 16-bit PNG (713 MB) before decoding.
 */
export const MAX_DECODED_BYTES = 150 * 1024 * 1024;
/** Smaller than this, a document's text cannot be read (by us or by WeChat's reviewers). */
export const MIN_DOCUMENT_EDGES = { long: 600, short: 300 };
const LOW_QUALITY = 70;
const KEPT_QUALITY = 92;

const bytesPerSample: Record<string, number> = { uchar: 1, char: 1, ushort: 2, short: 2, uint: 4, int: 4, float: 4, complex: 8, double: 8, dpcomplex: 16 };

/** Field messages are i18n keys of the `media` namespace; the English text is for API callers. */
const refuse = {
  empty: () => new AppError("bad_request", "Choose a photo to upload.", { file: "media.errors.empty" }),
  format: () => new AppError("unsupported_media_type", "Only JPG, PNG and BMP images are accepted.", { file: "media.errors.format" }),
  damaged: () => new AppError("unsupported_media_type", "The image is damaged or incomplete. Only whole JPG, PNG and BMP images are accepted.", { file: "media.errors.damaged" }),
  tooLarge: () => new AppError("payload_too_large", "The file is larger than 20 MB. Choose a smaller photo.", { file: "media.errors.too_large" }),
  tooManyPixels: () => new AppError("payload_too_large", "The image has too many pixels (over 120 megapixels). Choose a smaller photo.", { file: "media.errors.too_many_pixels" }),
  tooMuchMemory: (width: number, height: number, bits: number) =>
    new AppError("payload_too_large", `The image is too large to process (${width} × ${height} pixels at ${bits} bits per channel). Save it as an ordinary 8-bit JPG or PNG of at most 48 megapixels.`, { file: "media.errors.too_much_memory" }),
  tooSmall: (width: number, height: number) =>
    new AppError("validation_failed", `The photo is ${width} × ${height} pixels, too small to read. Document photos need at least ${MIN_DOCUMENT_EDGES.long} pixels on the long side and ${MIN_DOCUMENT_EDGES.short} on the short side.`, { file: "media.errors.too_small" }),
  cannotShrink: () => new AppError("payload_too_large", "The photo cannot be made smaller than 2 MB while keeping it legible. Take a smaller photo.", { file: "media.errors.cannot_shrink" }),
};

type Header = { width: number; height: number; decodedBytes: number; bits: number; orientation: number };

/** What decoding would cost, read from the header alone; refuses what is damaged, too big or too small. */
async function readHeader(bytes: Buffer, format: ImageFormat): Promise<Header> {
  let header: Header;
  if (format === "bmp") {
    const info = readBmpInfo(bytes);
    if (!info) throw refuse.damaged();
    header = { width: info.width, height: info.height, decodedBytes: info.width * info.height * 3, bits: 8, orientation: 1 };
  } else {
    // Header only: no pixel limit here, so an oversized image is named as such rather than as damaged.
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata().catch(() => null);
    if (!meta?.width || !meta.height) throw refuse.damaged();
    const sampleBytes = bytesPerSample[meta.depth ?? "uchar"] ?? 8;
    header = { width: meta.width, height: meta.height, decodedBytes: meta.width * meta.height * (meta.channels ?? 4) * sampleBytes, bits: sampleBytes * 8, orientation: meta.orientation ?? 1 };
  }
  if (header.width * header.height > MAX_INPUT_PIXELS) throw refuse.tooManyPixels();
  if (header.decodedBytes > MAX_DECODED_BYTES) throw refuse.tooMuchMemory(header.width, header.height, header.bits);
  const long = Math.max(header.width, header.height);
  const short = Math.min(header.width, header.height);
  if (long < MIN_DOCUMENT_EDGES.long || short < MIN_DOCUMENT_EDGES.short) throw refuse.tooSmall(header.width, header.height);
  return header;
}

/**
 * Checks an uploaded photo by its bytes (JPG, PNG or BMP, whole, legible, within the decoding
 * budget), drops its metadata (camera, GPS, comments) with its orientation applied, and brings it
 * under 2 MB, re-encoding a larger one as JPEG at a legible size. Decodes the pixels once, inside
 * the process's decode budget (`userId` holds a share). Throws AppError naming what is wrong.
 */
export async function prepareImage(bytes: Buffer, { userId = "anonymous" }: { userId?: string } = {}): Promise<PreparedImage> {
  if (bytes.length === 0) throw refuse.empty();
  if (bytes.length > MAX_UPLOAD_BYTES) throw refuse.tooLarge();
  const format = sniffImageFormat(bytes);
  if (!format) throw refuse.format();
  // Whatever follows the image's end (a polyglot's ZIP, HTML or script) is cut off, never stored.
  const end = imageEnd(bytes, format);
  if (end === null) throw refuse.damaged();
  if (end < bytes.length) bytes = bytes.subarray(0, end);
  const header = await readHeader(bytes, format);
  const originalBytes = bytes.length;
  const decodedEdge = (edge: number) => Math.min(edge, START_LONG_EDGE);
  const rawBytes = decodedEdge(header.width) * decodedEdge(header.height) * 4;

  return decodeSlots().run(userId, header.decodedBytes + rawBytes, async () => {
    let raw: { data: Buffer; width: number; height: number; channels: 3 | 4 };
    if (format === "bmp") {
      // A BMP carries no metadata; one under 2 MB is kept as it is.
      if (bytes.length < MAX_IMAGE_BYTES) return { bytes, format, mimeType: mimeOf.bmp, width: header.width, height: header.height, shrunk: false, originalBytes };
      const pixels = decodeBmp(bytes, readBmpInfo(bytes)!);
      if (!pixels) throw refuse.cannotShrink();
      raw = { data: pixels, width: header.width, height: header.height, channels: 3 };
    } else {
      try {
        // The one decode: every pixel is read (which is what finds a truncated file), turned upright,
        // brought to 8-bit sRGB and to at most the first shrink size, so the copy kept is bounded.
        const decoded = await sharp(bytes, { failOn: "truncated", limitInputPixels: MAX_INPUT_PIXELS })
          .rotate()
          .resize({ width: START_LONG_EDGE, height: START_LONG_EDGE, fit: "inside", withoutEnlargement: true })
          .toColourspace("srgb")
          .raw()
          .toBuffer({ resolveWithObject: true });
        raw = { data: decoded.data, width: decoded.info.width, height: decoded.info.height, channels: decoded.info.channels as 3 | 4 };
      } catch {
        throw refuse.damaged();
      }
      if (bytes.length < MAX_IMAGE_BYTES) {
        // Upright already: the metadata is dropped without touching a pixel.
        if (header.orientation <= 1) {
          const kept = stripMetadata(bytes, format);
          if (kept.length < MAX_IMAGE_BYTES) return { bytes: kept, format, mimeType: mimeOf[format], width: header.width, height: header.height, shrunk: false, originalBytes };
        } else if (raw.width === header.width || raw.width === header.height) {
          // Turned by its orientation tag: the pixels are turned instead and written again in their format.
          const pipeline = sharp(raw.data, { raw });
          const upright = await (format === "png" ? pipeline.png() : pipeline.jpeg({ quality: KEPT_QUALITY })).toBuffer();
          if (upright.length < MAX_IMAGE_BYTES) return { bytes: upright, format, mimeType: mimeOf[format], width: raw.width, height: raw.height, shrunk: false, originalBytes };
        }
      }
    }
    return shrink(raw, originalBytes);
  });
}

/** Re-encodes decoded pixels as JPEG, stepping the size down until it is under 2 MB. */
async function shrink(raw: { data: Buffer; width: number; height: number; channels: 3 | 4 }, originalBytes: number): Promise<PreparedImage> {
  const encode = (edge: number, quality: number) =>
    sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } })
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
      return { bytes: data, format: "jpeg", mimeType: mimeOf.jpeg, width: info.width, height: info.height, shrunk: true, originalBytes };
    }
    if (edge === floor && quality === LOW_QUALITY) break;
    // Bytes grow with the pixel count: aim for 90% of the limit, and always step down.
    const scale = Math.min(0.9, Math.sqrt((MAX_IMAGE_BYTES * 0.9) / data.length));
    edge = Math.max(floor, Math.floor(edge * scale));
  }
  throw refuse.cannotShrink();
}
