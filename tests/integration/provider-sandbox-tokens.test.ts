import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxPayments } from "@/db/schema";
import { parseConfig } from "@/lib/config";
import { providerFor, queryPaymentIntent } from "@/lib/payments/provider";
import { sandboxProviderHandler } from "@/lib/payments/sandbox/provider-handler";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";
import { testKeyRing } from "../helpers/wechat-sandbox";

const base = "http://sandbox.test/sandbox/provider";
const query = (token: string) =>
  new Request(`${base}/mch-api/v1/pa/payment_intents/query`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ order_id: "NOT-THERE" }) });

describe.each(testEngines)("provider sandbox access tokens on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.destroy());

  it("takes a token it issued until the token expires, remembered or not", async () => {
    const handler = sandboxProviderHandler({ getDb: async () => t.db, ring: () => testKeyRing, clientId: "c", clientSecret: "s", tokenTtlSeconds: 1 });
    const issued = await handler(new Request(`${base}/oauth/token`, { method: "POST", body: "grant_type=client_credentials&client_id=c&client_secret=s" }));
    const { access_token: token } = (await issued.json()) as { access_token: string };
    // An unknown order answers 404 only to a caller the sandbox has authorised; twice, so the second is the remembered token.
    expect((await handler(query(token))).status).toBe(404);
    expect((await handler(query(token))).status).toBe(404);
    expect((await handler(query(`${token}x`))).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await handler(query(token))).status).toBe(401);
  });

  it("carries a provider's token request and its calls over the transport it is given, never over HTTP", async () => {
    // An address nothing answers at: any call that went over HTTP would fail.
    const config = parseConfig({ DATA_DIR: mkdtempSync(path.join(tmpdir(), "cfg-")), NEXTAUTH_URL: "http://console.invalid" }).payments;
    const handler = sandboxProviderHandler({ getDb: async () => t.db, ring: () => testKeyRing, clientId: config.auth.clientId, clientSecret: config.auth.clientSecret });
    const carried: string[] = [];
    const provider = providerFor(t.db, config, testKeyRing, async (url, init) => {
      carried.push(new URL(url).pathname);
      return handler(new Request(url, init));
    });
    await t.db.insert(sandboxPayments).values({ orderId: "T1", merchantOrderId: "MT1", subAppid: "wx0", subOpenid: "o1", amount: "1.00", currency: "CNY", status: "SUCCEEDED", description: "d", createTime: new Date(), payTime: new Date() });
    expect(await queryPaymentIntent(provider, { order_id: "T1" })).toMatchObject({ order_id: "T1", status: "SUCCEEDED" });
    expect(carried).toEqual(["/sandbox/provider/oauth/token", "/sandbox/provider/mch-api/v1/pa/payment_intents/query"]);
  });
});
