import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, mediaFiles, sandboxMedia } from "@/db/schema";
import { DEMO_MERCHANT_ID, SECOND_MERCHANT_ID } from "@/db/seed";
import { AppError } from "@/lib/errors";
import { readPhoto, recordPhotoView } from "@/lib/media/read-photo";
import { MAX_IMAGE_BYTES } from "@/lib/images/format";
import { bigPhoto } from "../helpers/images";
import { uploadTestbed, type UploadTestbed } from "../helpers/uploads";
import { testEngines } from "../helpers/db";
import { useTestDataKey } from "../helpers/wechat-sandbox";

useTestDataKey();

/** An uncompressed 24-bit BMP of a gradient. */
function bmp(width: number, height: number): Buffer {
  const rowSize = Math.floor((24 * width + 31) / 32) * 4;
  const buf = Buffer.alloc(54 + rowSize * height);
  buf.write("BM", 0, "latin1");
  buf.writeUInt32LE(buf.length, 2);
  buf.writeUInt32LE(54, 10);
  buf.writeUInt32LE(40, 14);
  buf.writeInt32LE(width, 18);
  buf.writeInt32LE(height, 22);
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(24, 28);
  buf.writeUInt32LE(rowSize * height, 34);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const o = 54 + y * rowSize + x * 3;
    buf[o] = (x * 7) & 255;
    buf[o + 1] = (y * 3) & 255;
    buf[o + 2] = ((x + y) * 5) & 255;
  }
  return buf;
}


describe.each(testEngines)("photo upload on %s", (engine) => {
  let bed: UploadTestbed;
  beforeAll(async () => {
    bed = await uploadTestbed(engine);
  });
  afterAll(async () => bed?.close());

  const upload = (bytes: Buffer) => bed.upload(bytes);
  const refusal = (bytes: Buffer) => upload(bytes).then(() => null, (e: unknown) => e as AppError);

  it.each([
    ["jpg", () => sharp({ create: { width: 800, height: 480, channels: 3, background: "#c33" } }).jpeg().toBuffer(), "image/jpeg"],
    ["png", () => sharp({ create: { width: 800, height: 480, channels: 4, background: "#3c3c" } }).png().toBuffer(), "image/png"],
    ["bmp", async () => bmp(720, 480), "image/bmp"],
  ] as const)("accepts %s, keeps it sealed with WeChat's ids, and gives it back to its merchant only", async (_name, make, mime) => {
    const bytes = await make();
    const result = await upload(bytes);
    expect(result).toMatchObject({ shrunk: false, mime_type: mime, byte_size: bytes.length });
    expect(result.media_id).toMatch(/^wxashop_/);
    const [row] = await bed.t.db.select().from(mediaFiles).where(eq(mediaFiles.id, result.id));
    expect(row).toMatchObject({ merchantId: DEMO_MERCHANT_ID, mediaId: result.media_id, payMediaId: result.pay_media_id });
    expect(row!.contentSealed.includes(bytes.subarray(0, 64))).toBe(false);
    const [received] = await bed.t.db.select().from(sandboxMedia).where(eq(sandboxMedia.mediaId, result.media_id));
    expect(received!.payMediaId).toBe(result.pay_media_id);

    expect((await readPhoto(bed.t.db, { mediaId: result.media_id, merchantId: DEMO_MERCHANT_ID })).bytes.equals(bytes)).toBe(true);
    expect((await readPhoto(bed.t.db, { mediaId: result.media_id, merchantId: null })).mimeType).toBe(mime);
    await expect(readPhoto(bed.t.db, { mediaId: result.media_id, merchantId: SECOND_MERCHANT_ID })).rejects.toMatchObject({ code: "not_found" });
  });

  it("records support viewing a photo in the audit log", async () => {
    const result = await upload(await sharp({ create: { width: 640, height: 400, channels: 3, background: "#123" } }).png().toBuffer());
    const support = (await bed.t.db.query.users.findFirst({ where: (u, { eq }) => eq(u.role, "support") }))!;
    const photo = await readPhoto(bed.t.db, { mediaId: result.media_id, merchantId: null });
    await recordPhotoView(bed.t.db, { actorId: support.id, merchantId: photo.merchantId, mediaFileId: photo.id });
    const rows = await bed.t.db.select().from(auditLog).where(eq(auditLog.subjectId, result.id));
    expect(rows).toMatchObject([{ actorId: support.id, merchantId: DEMO_MERCHANT_ID, action: "view_photo", subjectType: "media_file" }]);
  });

  it("refuses what is not a whole JPG, PNG or BMP, naming the accepted formats", async () => {
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#888" } }).jpeg().toBuffer();
    const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#888" } }).png().toBuffer();
    const cases: [string, Buffer, string][] = [
      ["svg", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'), "media.errors.format"],
      ["pdf", Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"), "media.errors.format"],
      ["exe renamed .jpg", Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), Buffer.alloc(500, 0x41)]), "media.errors.format"],
      ["gif", Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"), "media.errors.format"],
      ["truncated jpg", jpeg.subarray(0, Math.floor(jpeg.length / 2)), "media.errors.damaged"],
      ["truncated png", png.subarray(0, Math.floor(png.length / 2)), "media.errors.damaged"],
      ["truncated bmp", bmp(700, 400).subarray(0, 20_000), "media.errors.damaged"],
      ["empty", Buffer.alloc(0), "media.errors.empty"],
    ];
    for (const [name, bytes, key] of cases) {
      const error = await refusal(bytes);
      expect(error, name).toBeInstanceOf(AppError);
      expect(error!.fields?.file, name).toBe(key);
      expect(error!.status, name).toBeGreaterThanOrEqual(400);
      expect(error!.status, name).toBeLessThan(500);
      if (key !== "media.errors.empty") expect(error!.message, name).toMatch(/JPG, PNG and BMP/);
    }
  });

  it("refuses a file over the 20 MB upload limit", async () => {
    const error = await refusal(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(20 * 1024 * 1024)]));
    expect(error).toMatchObject({ code: "payload_too_large", fields: { file: "media.errors.too_large" } });
  });

  it("shrinks a 6 MB photo under 2 MB, legibly, and says so", async () => {
    const photo = await bigPhoto();
    expect(photo.length).toBeGreaterThan(5.5 * 1024 * 1024);
    expect(photo.length).toBeLessThan(9 * 1024 * 1024);
    const started = performance.now();
    const result = await upload(photo);
    const ms = performance.now() - started;
    expect(result.shrunk).toBe(true);
    expect(result.byte_size).toBeLessThan(MAX_IMAGE_BYTES);
    const stored = await readPhoto(bed.t.db, { mediaId: result.media_id, merchantId: DEMO_MERCHANT_ID });
    const meta = await sharp(stored.bytes).metadata();
    expect(meta.format).toBe("jpeg");
    expect(Math.max(meta.width!, meta.height!)).toBeGreaterThanOrEqual(1000);
    console.log(`6 MB shrink: ${(photo.length / 1024 / 1024).toFixed(1)} MB → ${(result.byte_size / 1024 / 1024).toFixed(2)} MB, ${meta.width}x${meta.height}, ${Math.round(ms)} ms`);
  });

  it("shrinks a large BMP by re-encoding it", async () => {
    const big = bmp(1400, 1000);
    expect(big.length).toBeGreaterThan(MAX_IMAGE_BYTES);
    const result = await upload(big);
    expect(result).toMatchObject({ shrunk: true, mime_type: "image/jpeg" });
  });
});
