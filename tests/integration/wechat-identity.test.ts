import { spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { merchants, sandboxTokens, users } from "@/db/schema";
import { openString, sealedKeyId, type KeyRing } from "@/lib/crypto/at-rest";
import { rotateSealedColumns } from "@/lib/crypto/rotate";
import { sealedColumns } from "@/lib/crypto/sealed-columns";
import { uploadError } from "@/lib/media/upload-photo";
import { appSecretStatus, merchantCredentials, setMerchantAppSecret } from "@/lib/wechat/credentials";
import { WeChatError } from "@/lib/wechat/errors";
import { sandboxAppSecret } from "@/lib/wechat/sandbox/mini-programs";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";
import { startSandboxServer, testKeyRing, type SandboxServer } from "../helpers/wechat-sandbox";

async function addMerchant(t: TestDb, appid: string) {
  const id = randomUUID();
  await t.db.insert(merchants).values({ id, name: `商户 ${appid}`, miniProgram: { subject_name: "s", nickname: "n", appid, license_number: "L" } });
  return id;
}

describe.each(testEngines)("each merchant is its own Mini Program on %s", (engine) => {
  let t: TestDb;
  let s: SandboxServer;
  let png: Buffer;
  beforeAll(async () => {
    t = await createTestDb(engine);
    s = await startSandboxServer(t.db);
    png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#37a" } }).png().toBuffer();
  });
  afterAll(async () => {
    await s?.close();
    await t?.destroy();
  });

  it("stores a secret only after WeChat accepted it, sealed, shown as when and by whom", async () => {
    const id = await addMerchant(t, "wxidentity0000001");
    const clientFor = (appid: string, secret: string) => s.client({ appid, secret });
    await expect(merchantCredentials(t.db, testKeyRing, id)).rejects.toMatchObject({ errcode: "unconfigured", transient: true, messageKey: "credentials_missing" });
    const [staff] = await t.db.insert(users).values({ email: "li@support.test", name: "Li", role: "support_admin", passwordHash: "x" }).returning({ id: users.id });
    const refused = await setMerchantAppSecret(t.db, testKeyRing, { merchantId: id, secret: "0".repeat(32), setBy: staff!.id, clientFor }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "validation_failed", message: expect.stringContaining("WeChat refused the appid and AppSecret pair (errcode 40125)") });
    expect(await appSecretStatus(t.db, id)).toBeNull();

    const secret = sandboxAppSecret("wxidentity0000001");
    const at = new Date("2026-12-01T08:00:00Z");
    await setMerchantAppSecret(t.db, testKeyRing, { merchantId: id, secret, setBy: staff!.id, clientFor, now: at });
    expect(await appSecretStatus(t.db, id)).toEqual({ setAt: at, setBy: staff!.id });
    const [row] = await t.db.select().from(merchants).where(eq(merchants.id, id));
    expect(row!.appSecretSealed).not.toContain(secret);
    expect(openString(testKeyRing, row!.appSecretSealed!)).toBe(secret);
    expect(await merchantCredentials(t.db, testKeyRing, id)).toEqual({ appid: "wxidentity0000001", secret });

    // Rotated with the other sealed columns.
    const next: KeyRing = { keys: new Map([...testKeyRing.keys, ["t2", randomBytes(32)]]), activeKeyId: "t2" };
    await rotateSealedColumns(t.db, next, { columns: sealedColumns.filter((c) => c.table === "merchants") });
    const [rotated] = await t.db.select().from(merchants).where(eq(merchants.id, id));
    expect(sealedKeyId(rotated!.appSecretSealed!)).toBe("t2");
    expect(openString(next, rotated!.appSecretSealed!)).toBe(secret);
  });

  it("gives each Mini Program its own token, and media only to the Mini Program that uploaded them", async () => {
    const a = await addMerchant(t, "wxidentityaaaaaaa");
    const b = await addMerchant(t, "wxidentitybbbbbbb");
    const [clientA, clientB] = [await s.wechatFor(a), await s.wechatFor(b)];
    expect([clientA.appid, clientB.appid]).toEqual(["wxidentityaaaaaaa", "wxidentitybbbbbbb"]);
    const [tokenA, tokenB] = await Promise.all([clientA.accessToken(), clientB.accessToken()]);
    expect(tokenA).not.toBe(tokenB);
    const tokens = await t.db.select().from(sandboxTokens).where(eq(sandboxTokens.token, tokenA));
    expect(tokens[0]!.appid).toBe("wxidentityaaaaaaa");
    s.requests.length = 0;
    await clientB.uploadImage({ bytes: png, filename: "photo.png", mimeType: "image/png" });
    const upload = s.requests.find((r) => r.path.endsWith("/shop/img/upload"))!;
    expect(upload.query.get("access_token")).toBe(tokenB);
    // Nothing WeChat does not document goes on the wire.
    expect([...upload.query.keys()].sort()).toEqual(["access_token", "resp_type", "upload_type"]);
  });

  it("exchanges a minted wx.login code once, for its own Mini Program only", async () => {
    const id = await addMerchant(t, "wxidentitylogin01");
    const client = await s.wechatFor(id);
    const code = await s.sandbox.mintLoginCode("wxidentitylogin01", "o_buyer_1");
    expect(await client.jscode2session(code)).toMatchObject({ openid: "o_buyer_1", session_key: expect.any(String) });
    await expect(client.jscode2session(code)).rejects.toMatchObject({ errcode: 40029, transient: false });
    const other = await s.sandbox.mintLoginCode("wxidentityother01");
    await expect(client.jscode2session(other)).rejects.toMatchObject({ errcode: 40029 });
  });

  it("answers 503 for WeChat down or slow, 422 for a refusal, never a bare 500", () => {
    expect(uploadError(new WeChatError("network", "no answer within 150 ms")).status).toBe(503);
    expect(uploadError(WeChatError.credentialsMissing("wx1")).status).toBe(503);
    expect(uploadError(new WeChatError(-1, "system error")).status).toBe(503);
    expect(uploadError(new WeChatError(40005, "invalid file type")).status).toBe(422);
    expect(uploadError(new WeChatError("http", "HTTP 200 without a JSON body", { transient: false })).status).toBe(502);
    expect(uploadError(new TypeError("fetch failed")).status).toBe(503);
  });
});

// The operator command, as run from a shell, against a PostgreSQL database the console would use.
describe.skipIf(!process.env.TEST_DATABASE_URL)("npm run admin -- merchant-credentials", () => {
  it("sets the secret of the merchant with that appid, and exits 1 with one sentence otherwise", async () => {
    const t = await createTestDb("postgres");
    try {
      const id = await addMerchant(t, "wxcommandline0001");
      const key = randomBytes(32).toString("base64");
      const run = (...args: string[]) =>
        spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/admin.ts", "merchant-credentials", ...args], {
          env: { ...process.env, DATABASE_URL: t.url, DATA_ENCRYPTION_KEYS: `k1:${key}`, WECHAT_MODE: "sandbox" },
          encoding: "utf8",
        });
      const unknown = run("--appid", "wxnobodyhas000001", "--secret", sandboxAppSecret("wxnobodyhas000001"));
      expect(unknown.status).toBe(1);
      expect(unknown.stderr.trim()).toBe("No merchant has a Mini Program with appid wxnobodyhas000001.");
      const wrong = run("--appid", "wxcommandline0001", "--secret", "f".repeat(32));
      expect(wrong.status).toBe(1);
      expect(wrong.stderr.trim()).toMatch(/^WeChat refused the appid and AppSecret pair \(errcode 40125\)[^\n]*\.$/);
      const ok = run("--appid", "wxcommandline0001", "--secret", sandboxAppSecret("wxcommandline0001"));
      expect(ok.status, ok.stderr).toBe(0);
      const [row] = await t.db.select().from(merchants).where(eq(merchants.id, id));
      expect(row!.appSecretSetAt).not.toBeNull();
      expect(row!.appSecretSetBy).toBeNull();
      const ring: KeyRing = { keys: new Map([["k1", Buffer.from(key, "base64")]]), activeKeyId: "k1" };
      expect(openString(ring, row!.appSecretSealed!)).toBe(sandboxAppSecret("wxcommandline0001"));
    } finally {
      await t.destroy();
    }
  }, 120_000);
});
