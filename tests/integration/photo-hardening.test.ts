import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_MERCHANT_ID } from "@/db/seed";
import { AppError } from "@/lib/errors";
import { DecodeSlots } from "@/lib/media/decode-slots";
import { prepareImage } from "@/lib/media/prepare-image";
import { readPhoto } from "@/lib/media/read-photo";
import { uploadTestbed, type UploadTestbed } from "../helpers/uploads";
import { useTestDataKey } from "../helpers/wechat-sandbox";

useTestDataKey();

/** A PNG of a few kilobytes whose header declares width × height pixels of `bitDepth`-bit RGB (colour type 2). */
export function bombPng(width: number, height: number, bitDepth: 8 | 16): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, "latin1");
    return Buffer.concat([head, data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.alloc(64))), chunk("IEND", Buffer.alloc(0))]);
}

/** A JPEG with the camera's metadata: make, GPS position, and "turn 90° clockwise to view" (orientation 6). */
async function phonePhoto(orientation: number) {
  return sharp({ create: { width: 900, height: 600, channels: 3, background: "#4a8" } })
    .composite([{ input: { create: { width: 100, height: 600, channels: 3, background: "#000" } }, left: 0, top: 0 }])
    .jpeg()
    .withMetadata({ orientation })
    .withExifMerge({ IFD0: { Make: "PhoneMaker", Model: "Secret Phone 12" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "22/1 32/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "113/1 56/1 0/1" } })
    .toBuffer();
}

describe("photo metadata, size and decode budget", () => {
  let bed: UploadTestbed;
  beforeAll(async () => {
    bed = await uploadTestbed("pglite");
  });
  afterAll(async () => bed?.close());

  it("strips EXIF (camera, GPS) before storing, keeping an upright photo's bytes otherwise", async () => {
    const photo = await phonePhoto(1);
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    expect(photo.includes(Buffer.from("PhoneMaker"))).toBe(true);
    const result = await bed.upload(photo);
    const kept = (await readPhoto(bed.t.db, { mediaId: result.media_id, merchantId: DEMO_MERCHANT_ID })).bytes;
    const meta = await sharp(kept).metadata();
    expect(meta.exif).toBeUndefined();
    expect(kept.includes(Buffer.from("PhoneMaker"))).toBe(false);
    expect(kept.includes(Buffer.from("GPS"))).toBe(false);
    expect([meta.width, meta.height]).toEqual([900, 600]);
    // Same pixels: only the metadata segment went.
    const [a, b] = await Promise.all([sharp(photo).raw().toBuffer(), sharp(kept).raw().toBuffer()]);
    expect(a.equals(b)).toBe(true);
  });

  it("applies the orientation to the pixels when it drops the tag", async () => {
    const photo = await phonePhoto(6);
    expect((await sharp(photo).metadata()).orientation).toBe(6);
    const result = await prepareImage(photo);
    const meta = await sharp(result.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation ?? 1).toBe(1);
    // Turned upright: 600 wide, 900 tall, the black band (the photo's left edge) now on top.
    expect([result.width, result.height, meta.width, meta.height]).toEqual([600, 900, 600, 900]);
    const { data, info } = await sharp(result.bytes).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => data[(y * info.width + x) * info.channels]! + data[(y * info.width + x) * info.channels + 1]!;
    expect(pixel(300, 20)).toBeLessThan(40);
    expect(pixel(300, 800)).toBeGreaterThan(100);
  });

  it("strips text and EXIF chunks from a PNG", async () => {
    const png = await sharp({ create: { width: 800, height: 500, channels: 3, background: "#123" } }).png().withExif({ IFD0: { Make: "PhoneMaker" } }).toBuffer();
    expect(png.includes(Buffer.from("PhoneMaker"))).toBe(true);
    const result = await prepareImage(png);
    expect(result.bytes.includes(Buffer.from("PhoneMaker"))).toBe(false);
    expect(result.format).toBe("png");
  });

  it("refuses a photo too small to read, saying how small and what is needed", async () => {
    for (const [width, height] of [[10, 10], [599, 400], [1200, 299]]) {
      const tiny = await sharp({ create: { width, height, channels: 3, background: "#fff" } }).png().toBuffer();
      const error = await prepareImage(tiny).then(() => null, (e: unknown) => e as AppError);
      expect(error).toMatchObject({ code: "validation_failed", status: 422, fields: { file: "media.errors.too_small" } });
      expect(error!.message).toContain(`${width} × ${height} pixels`);
      expect(error!.message).toMatch(/at least 600 pixels on the long side and 300 on the short side/);
    }
  });

  it("refuses by decoded bytes, not pixel count: a 10,900² 16-bit PNG under the pixel cap is a clear 413 before decoding", async () => {
    const bomb = bombPng(10_900, 10_900, 16);
    expect(10_900 * 10_900).toBeLessThan(120_000_000);
    const rss = process.memoryUsage().rss;
    const error = await prepareImage(bomb).then(() => null, (e: unknown) => e as AppError);
    expect(error).toMatchObject({ code: "payload_too_large", status: 413, fields: { file: "media.errors.too_much_memory" } });
    expect(error!.message).toMatch(/10900 × 10900 pixels at 16 bits per channel/);
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024);
    // The 8-bit one is 356 MB decoded: refused the same way.
    await expect(prepareImage(bombPng(10_900, 10_900, 8))).rejects.toMatchObject({ fields: { file: "media.errors.too_much_memory" } });
  });
});

describe("DecodeSlots", () => {
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  };

  it("keeps decoded bytes in flight under the total, running waiters in turn", async () => {
    const slots = new DecodeSlots(100, 5, 10, 5_000);
    let running = 0;
    let peak = 0;
    const gates = [gate(), gate(), gate()];
    const jobs = gates.map((g, i) =>
      slots.run(`user-${i}`, 60, async () => {
        running += 60;
        peak = Math.max(peak, running);
        await g.opened;
        running -= 60;
        return i;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(running).toBe(60);
    gates.forEach((g) => g.open());
    expect(await Promise.all(jobs)).toEqual([0, 1, 2]);
    expect(peak).toBe(60);
  });

  it("answers 429 to a person's third photo at once, and when the queue is full or the wait too long", async () => {
    const slots = new DecodeSlots(100, 2, 1, 50);
    const g = gate();
    const first = slots.run("u", 100, () => g.opened);
    const second = slots.run("u", 100, async () => undefined);
    await expect(slots.run("u", 1, async () => undefined)).rejects.toMatchObject({ code: "rate_limited", status: 429, fields: { file: "media.errors.busy" } });
    // The queue holds one (the second): another person is told the server is busy.
    await expect(slots.run("v", 1, async () => undefined)).rejects.toMatchObject({ code: "rate_limited" });
    // The second waited longer than 50 ms.
    await expect(second).rejects.toMatchObject({ code: "rate_limited", message: expect.stringMatching(/many photos/) });
    g.open();
    await first;
    await expect(slots.run("u", 100, async () => "ok")).resolves.toBe("ok");
  });
});
