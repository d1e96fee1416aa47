/** WeChat's /shop/img/upload takes images under 2 MB. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export type ImageFormat = "jpeg" | "png" | "bmp";

export const mimeOf: Record<ImageFormat, string> = { jpeg: "image/jpeg", png: "image/png", bmp: "image/bmp" };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The format by the file's first bytes, whatever its name or declared type says. */
export function sniffImageFormat(bytes: Buffer): ImageFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return "png";
  if (bytes.length >= 26 && bytes[0] === 0x42 && bytes[1] === 0x4d) return "bmp";
  return null;
}

export type BmpInfo = { width: number; height: number; bitsPerPixel: number; compression: number; topDown: boolean; dataOffset: number; rowSize: number };

/** Reads and checks a BMP header (sharp has no BMP loader); null when it is not a whole BMP. */
export function readBmpInfo(bytes: Buffer): BmpInfo | null {
  if (bytes.length < 26 || bytes.toString("latin1", 0, 2) !== "BM") return null;
  const dataOffset = bytes.readUInt32LE(10);
  const headerSize = bytes.readUInt32LE(14);
  if (headerSize < 12 || 14 + headerSize > bytes.length) return null;
  let width: number;
  let rawHeight: number;
  let bitsPerPixel: number;
  let compression = 0;
  if (headerSize === 12) {
    width = bytes.readUInt16LE(18);
    rawHeight = bytes.readInt16LE(20);
    bitsPerPixel = bytes.readUInt16LE(24);
  } else {
    if (bytes.length < 14 + 40) return null;
    width = bytes.readInt32LE(18);
    rawHeight = bytes.readInt32LE(22);
    bitsPerPixel = bytes.readUInt16LE(28);
    compression = bytes.readUInt32LE(30);
  }
  const height = Math.abs(rawHeight);
  if (width <= 0 || height <= 0 || width > 30_000 || height > 30_000) return null;
  if (![1, 4, 8, 16, 24, 32].includes(bitsPerPixel)) return null;
  const rowSize = Math.floor((bitsPerPixel * width + 31) / 32) * 4;
  // Uncompressed pixel data must be all there: a cut-off file is refused, not half shown.
  if ((compression === 0 || compression === 3) && dataOffset + rowSize * height > bytes.length) return null;
  if (dataOffset >= bytes.length) return null;
  return { width, height, bitsPerPixel, compression, topDown: rawHeight < 0, dataOffset, rowSize };
}

/** RGB pixels of an uncompressed 24- or 32-bit BMP, top row first; null for other kinds. */
export function decodeBmp(bytes: Buffer, info: BmpInfo): Buffer | null {
  if (!((info.compression === 0 || info.compression === 3) && (info.bitsPerPixel === 24 || info.bitsPerPixel === 32))) return null;
  const { width, height, rowSize, dataOffset } = info;
  const step = info.bitsPerPixel / 8;
  const out = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const source = dataOffset + (info.topDown ? y : height - 1 - y) * rowSize;
    for (let x = 0; x < width; x++) {
      const s = source + x * step;
      const d = (y * width + x) * 3;
      out[d] = bytes[s + 2]!;
      out[d + 1] = bytes[s + 1]!;
      out[d + 2] = bytes[s]!;
    }
  }
  return out;
}

/**
 * Where the image proper ends: after PNG's IEND chunk, JPEG's end-of-image marker, or a BMP's pixel
 * data. Bytes past it (an appended ZIP, HTML or script, a phone's motion-photo video) are not part of
 * the picture. Null when the structure does not hold together.
 */
export function imageEnd(bytes: Buffer, format: ImageFormat): number | null {
  if (format === "png") return pngEnd(bytes);
  if (format === "jpeg") return jpegEnd(bytes);
  const info = readBmpInfo(bytes);
  if (!info) return null;
  if (info.compression === 0 || info.compression === 3) return info.dataOffset + info.rowSize * info.height;
  // Compressed BMP: the header's declared file size, when it is plausible.
  const declared = bytes.readUInt32LE(2);
  return declared > info.dataOffset && declared <= bytes.length ? declared : bytes.length;
}

function pngEnd(bytes: Buffer): number | null {
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString("latin1", offset + 4, offset + 8);
    const next = offset + 12 + length;
    if (next > bytes.length) return null;
    if (type === "IEND") return next;
    offset = next;
  }
  return null;
}

function jpegEnd(bytes: Buffer): number | null {
  let offset = 2;
  while (offset + 1 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    let marker = bytes[offset + 1]!;
    // Fill bytes: any number of 0xFF may precede a marker.
    while (marker === 0xff && offset + 2 < bytes.length) marker = bytes[++offset + 1]!;
    if (marker === 0xd9) return offset + 2;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      offset += 2;
      continue;
    }
    if (offset + 4 > bytes.length) return null;
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2) return null;
    offset += 2 + length;
    if (marker !== 0xda) continue;
    // Entropy-coded data follows a scan header: it ends at the first 0xFF that is neither stuffing (FF00) nor a restart marker.
    while (offset + 1 < bytes.length && !(bytes[offset] === 0xff && bytes[offset + 1] !== 0x00 && !(bytes[offset + 1]! >= 0xd0 && bytes[offset + 1]! <= 0xd7))) offset++;
  }
  return null;
}

// JPEG segments that describe the picture's origin rather than draw it: EXIF/XMP (APP1, with GPS
// and camera), APP3–APP13 (IPTC, Photoshop), APP15 and comments. APP0 (JFIF), APP14 (Adobe colour)
// and an APP2 ICC profile are kept: they change how the pixels look.
const JPEG_DROPPED = new Set([0xe1, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xef, 0xfe]);
// PNG chunks with metadata: EXIF, text (author, software, XMP) and the modification time.
const PNG_DROPPED = new Set(["eXIf", "tEXt", "zTXt", "iTXt", "tIME"]);

/**
 * The image with its metadata segments or chunks removed and its pixels untouched. Expects a
 * whole JPEG or PNG (imageEnd has checked its structure); a BMP is returned as it is.
 */
export function stripMetadata(bytes: Buffer, format: ImageFormat): Buffer {
  if (format === "png") {
    const parts: Buffer[] = [bytes.subarray(0, 8)];
    let offset = 8;
    while (offset + 12 <= bytes.length) {
      const next = offset + 12 + bytes.readUInt32BE(offset);
      if (!PNG_DROPPED.has(bytes.toString("latin1", offset + 4, offset + 8))) parts.push(bytes.subarray(offset, next));
      offset = next;
    }
    return Buffer.concat(parts);
  }
  if (format !== "jpeg") return bytes;
  const parts: Buffer[] = [bytes.subarray(0, 2)];
  let offset = 2;
  while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1]!;
    // From the first scan on, everything is picture data.
    if (marker === 0xda || marker === 0xd9) break;
    const next = offset + 2 + bytes.readUInt16BE(offset + 2);
    const icc = marker === 0xe2 && bytes.toString("latin1", offset + 4, offset + 15) === "ICC_PROFILE";
    if (!JPEG_DROPPED.has(marker) && (marker !== 0xe2 || icc)) parts.push(bytes.subarray(offset, next));
    offset = next;
  }
  parts.push(bytes.subarray(offset));
  return Buffer.concat(parts);
}
