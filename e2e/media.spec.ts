import sharp from "sharp";
import { bigPhoto } from "../tests/helpers/images";
import { asRole, expect, storageStateFor, test } from "./fixtures";

const jpeg = () => sharp({ create: { width: 800, height: 500, channels: 3, background: "#2a6" } }).jpeg().toBuffer();


test.describe("photo upload API (sandboxed WeChat over HTTP)", () => {
  test.use(asRole("merchant"));

  test("stores a photo with WeChat's ids and serves it to its merchant and support only", async ({ request, browser, baseURL }) => {
    const bytes = await jpeg();
    const upload = await request.post("/api/media", { multipart: { file: { name: "licence.jpg", mimeType: "image/jpeg", buffer: bytes } } });
    expect(upload.status()).toBe(201);
    const body = await upload.json();
    expect(body).toMatchObject({ id: expect.any(String), media_id: expect.stringMatching(/^wxashop_/), pay_media_id: expect.any(String), shrunk: false });

    const own = await request.get(`/api/media/file?media_id=${encodeURIComponent(body.media_id)}`);
    expect(own.status()).toBe(200);
    expect(own.headers()["content-type"]).toBe("image/jpeg");
    expect(Buffer.from(await own.body()).equals(bytes)).toBe(true);

    for (const [role, status] of [["other-merchant", 404], ["support", 200]] as const) {
      const context = await browser.newContext({ baseURL, storageState: storageStateFor(role) });
      const answer = await context.request.get(`/api/media/file?media_id=${encodeURIComponent(body.media_id)}`);
      expect(answer.status(), role).toBe(status);
      await context.close();
    }
    const anonymous = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    expect((await anonymous.request.get(`/api/media/file?media_id=${encodeURIComponent(body.media_id)}`)).status()).toBe(401);
    expect((await anonymous.request.post("/api/media", { multipart: { file: { name: "a.jpg", mimeType: "image/jpeg", buffer: bytes } } })).status()).toBe(401);
    await anonymous.close();
  });

  test("refuses an SVG named .jpg with a message naming the accepted formats", async ({ request }) => {
    const answer = await request.post("/api/media", {
      multipart: { file: { name: "photo.jpg", mimeType: "image/jpeg", buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') } },
    });
    expect(answer.status()).toBe(415);
    const body = await answer.json();
    expect(body.error).toMatchObject({ code: "unsupported_media_type", message: expect.stringContaining("JPG, PNG and BMP") });
  });

  test("shrinks a large photo under 2 MB and says so", async ({ request }) => {
    const photo = await bigPhoto();
    const answer = await request.post("/api/media", { multipart: { file: { name: "big.jpg", mimeType: "image/jpeg", buffer: photo } }, timeout: 60_000 });
    expect(answer.status()).toBe(201);
    const body = await answer.json();
    expect(body.shrunk).toBe(true);
    expect(body.byte_size).toBeLessThan(2 * 1024 * 1024);
  });
});
