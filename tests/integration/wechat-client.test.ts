import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { WeChatError } from "@/lib/wechat/errors";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";
import { startSandboxServer, type SandboxServer } from "../helpers/wechat-sandbox";

let png: Buffer;

describe.each(testEngines)("WeChat client against the sandbox over HTTP on %s", (engine) => {
  let t: TestDb;
  let s: SandboxServer;
  beforeAll(async () => {
    t = await createTestDb(engine);
    s = await startSandboxServer(t.db);
    png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#3a7" } }).png().toBuffer();
  });
  afterAll(async () => {
    await s?.close();
    await t?.destroy();
  });
  beforeEach(() => s.reset());
  const image = () => ({ bytes: png, filename: "photo.png", mimeType: "image/png" });

  it("fetches one token for 50 concurrent callers and reuses it", async () => {
    const client = s.client();
    const tokens = await Promise.all(Array.from({ length: 50 }, () => client.accessToken()));
    expect(new Set(tokens).size).toBe(1);
    const uploads = await Promise.all(Array.from({ length: 50 }, () => client.uploadImage(image())));
    expect(uploads.every((u) => u.media_id.startsWith("wxashop_") && u.pay_media_id.length > 20)).toBe(true);
    expect(s.count("/cgi-bin/stable_token")).toBe(1);
    expect(s.count("/shop/img/upload")).toBe(50);
  });

  it("refreshes the token shortly before it expires", async () => {
    let clock = Date.now();
    const client = s.client({ now: () => clock });
    await client.accessToken();
    clock += 7200 * 1000 - 310 * 1000; // still inside the 5-minute margin's safe side
    await client.accessToken();
    expect(s.count("/cgi-bin/stable_token")).toBe(1);
    clock += 20 * 1000; // within 5 minutes of expiry
    await client.accessToken();
    expect(s.count("/cgi-bin/stable_token")).toBe(2);
  });

  it("refreshes once and retries on 42001 (expired) and 40001 (invalid), one refresh for many callers", async () => {
    const client = s.client();
    await client.uploadImage(image());
    await s.sandbox.expireTokens();
    const before = s.count("/cgi-bin/stable_token");
    await Promise.all(Array.from({ length: 10 }, () => client.uploadImage(image())));
    expect(s.count("/cgi-bin/stable_token") - before).toBe(1);

    await s.sandbox.revokeTokens();
    await client.uploadImage(image());
    expect(s.count("/cgi-bin/stable_token") - before).toBe(2);
    // The stable endpoint already hands out a new token, so nobody's token is forced out.
    const asked = s.requests.filter((r) => r.path.endsWith("/cgi-bin/stable_token")).at(-1)!;
    expect(JSON.parse(asked.body.toString())).toMatchObject({ force_refresh: false });
  });

  it("forces a new token when WeChat hands back the one it just refused (40001)", async () => {
    const client = s.client();
    await client.accessToken();
    s.requests.length = 0;
    s.sandbox.faults.queued.invalid_token = 1;
    await client.uploadImage(image());
    const asked = s.requests.filter((r) => r.path.endsWith("/cgi-bin/stable_token")).map((r) => JSON.parse(r.body.toString()).force_refresh);
    expect(asked).toEqual([false, true]);
    expect(s.count("/shop/img/upload")).toBe(2);
  });

  it("retries with backoff on 5xx and errcode -1, then succeeds", async () => {
    const client = s.client();
    await client.accessToken();
    s.requests.length = 0;
    s.sandbox.faults.queued.http_5xx = 2;
    await client.uploadImage(image());
    expect(s.count("/shop/img/upload")).toBe(3);
    s.sandbox.faults.queued.errcode_minus1 = 2;
    await client.uploadImage(image());
    expect(s.count("/shop/img/upload")).toBe(6);
  });

  it("gives up after its retries with a transient error a merchant can read", async () => {
    const client = s.client({ retries: 2 });
    await client.accessToken();
    s.requests.length = 0;
    s.sandbox.faults.queued.errcode_minus1 = 10;
    const error = await client.uploadImage(image()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeChatError);
    expect(error).toMatchObject({ errcode: -1, transient: true, messageKey: "busy" });
    expect(s.count("/shop/img/upload")).toBe(3);
  });

  it("times out a slow call and retries it", async () => {
    const client = s.client({ timeoutMs: 150, retries: 1 });
    await client.accessToken();
    s.requests.length = 0;
    s.sandbox.faults.delayMs = 400;
    const error = await client.uploadImage(image()).catch((e: unknown) => e);
    expect(error).toMatchObject({ errcode: "network", transient: true, messageKey: "unreachable" });
    expect((error as WeChatError).errmsg).toContain("150 ms");
    expect(s.count("/shop/img/upload")).toBe(2);
  });

  it("does not retry a permanent errcode and names it for the merchant", async () => {
    const client = s.client();
    await client.accessToken();
    s.requests.length = 0;
    const error = await client.uploadImage({ bytes: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"), filename: "x.jpg", mimeType: "image/jpeg" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ errcode: 40005, transient: false, messageKey: "image", merchantMessage: "wechat.errors.image" });
    expect(s.count("/shop/img/upload")).toBe(1);
  });

  it("refuses a photo cut short (every row is read, at a fraction of its pixels) as WeChat's 40005", async () => {
    const client = s.client();
    await client.accessToken();
    const noise = Buffer.alloc(1600 * 1200 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
    const jpeg = await sharp(noise, { raw: { width: 1600, height: 1200, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
    await expect(client.uploadImage({ bytes: jpeg, filename: "x.jpg", mimeType: "image/jpeg" })).resolves.toMatchObject({ media_id: expect.any(String) });
    const cut = jpeg.subarray(0, Math.floor(jpeg.length * 0.9));
    await expect(client.uploadImage({ bytes: cut, filename: "x.jpg", mimeType: "image/jpeg" })).rejects.toMatchObject({ errcode: 40005, transient: false });
  });

  it("reports wrong credentials without retrying", async () => {
    const client = s.client({ secret: "short" });
    const error = await client.accessToken().catch((e: unknown) => e);
    expect(error).toMatchObject({ errcode: 40125, transient: false, messageKey: "credentials" });
    expect(s.count("/cgi-bin/stable_token")).toBe(1);
  });
});
