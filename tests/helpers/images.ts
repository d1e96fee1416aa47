import sharp from "sharp";

/** A photo-like JPEG over 5 MB (textured noise at high quality): one the console must shrink. */
export async function bigPhoto(): Promise<Buffer> {
  const width = 3400;
  const height = 2500;
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (Math.random() * 110 + ((i / 3) % width) / 20) | 0;
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
}
