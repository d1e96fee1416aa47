import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
});
