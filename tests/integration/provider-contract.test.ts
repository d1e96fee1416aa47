import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oauthClientCredentials } from "@/lib/payments/provider-auth";
import { createPaymentIntent, queryPaymentIntent, type PaymentProvider } from "@/lib/payments/provider";

// Seed 003, verbatim: the create request and answer, and the query answer.
const seedCreateRequest = {
  amount: "1",
  currency: "HKD",
  merchant_order_id: "P9297895081903",
  payment_method: { type: "wechat", wechat: { flow: "mini_program", sub_appid: "wx7bc98d929da735fe", sub_openid: "oqZa55Qo-u0cVViWMAgv_YbyXb4U" } },
  description: "Mini Program Payment",
  notify_url: "https://put_your_site_here/example_url",
} as const;
const seedCreateAnswer = `{
"code": 0,
"data": {
"order_id": "C991289984923795789123",
"merchant_order_id": "P9297895081903",
"amount": "1",
"currency": "HKD",
"create_time": "2023-08-31T04:44:05.928696203+08:00",
"next_action": {
"type": "call_sdk",
"data": {
"appId": "wx7bc98d929da735fe",
"nonceStr": "389ldtvku2t",
"package": "prepay_id=wx01193931618587ccd846840000",
"paySign": "Xe8d6Tl6P5OhQz4kgk12EGfipacvVnCSHJoyNWI5TbpZ7BYfDj9/Edj+MJYezjYaAsAm6GoFAmeoewdRQZHCtaBFmVqjgyznXjhBIMteAN04JNYAS/1HdOppXFs13Eu0coUxw8qV72DDVSUTAjMWjeRMvrO0ow9lJ93STG6PuHg==",
"signType": "RSA",
"timeStamp": "1719833981"
}
},
"status": "PENDING"
},
"message": "ok",
"rid": "3647575c0e1049439e484a231864da2c"
}`;
const seedQueryAnswer = `{
"code": 0,
"data": {
"order_id": "C991289984923795789123",
"merchant_order_id": "P9297895081903",
"amount": "50",
"currency": "TWD",
"status": "SUCCEEDED",
"create_time": "2023-08-31T04:44:05.928696203+08:00",
"pay_time": "2023-08-31T04:44:05.928696203+08:00"
},
"message": "ok",
"rid": "3647575c0e1049439e484a231864da2c"
}`;
// RFC 6749 §4.4.3's example token answer (https://datatracker.ietf.org/doc/html/rfc6749#section-4.4.3).
const rfcTokenAnswer = `{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"example","expires_in":3600,"example_parameter":"example_value"}`;

describe("provider client against the documented example answers (the provider's documentation, RFC 6749)", () => {
  let server: Server;
  let provider: PaymentProvider;
  const seen: { path: string; headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  let refuseNext = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen.push({ path: req.url ?? "", headers: req.headers, body });
        if (req.url === "/token") return void res.writeHead(200, { "content-type": "application/json" }).end(rfcTokenAnswer);
        if (refuseNext > 0) {
          refuseNext--;
          return void res.writeHead(401, { "content-type": "application/json" }).end(`{"code":401,"message":"token expired","rid":"r401"}`);
        }
        res.writeHead(200, { "content-type": "application/json" }).end(req.url?.endsWith("/create") ? seedCreateAnswer : seedQueryAnswer);
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    provider = { baseUrl: base, publicKeyFor: async () => undefined, auth: oauthClientCredentials({ kind: "oauth2_client_credentials", tokenUrl: `${base}/token`, clientId: "s6BhdRkqt3", clientSecret: "7Fjfp0ZBr1KtDRbnfVdmIw" }) };
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it("sends the seed's create request with a bearer token and reads the seed's answer", async () => {
    const created = await createPaymentIntent(provider, seedCreateRequest);
    expect(created).toMatchObject({ order_id: "C991289984923795789123", status: "PENDING", next_action: { type: "call_sdk", data: { appId: "wx7bc98d929da735fe", signType: "RSA", timeStamp: "1719833981" } } });
    const token = seen.find((s) => s.path === "/token")!;
    expect(token.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(token.body))).toEqual({ grant_type: "client_credentials", client_id: "s6BhdRkqt3", client_secret: "7Fjfp0ZBr1KtDRbnfVdmIw" });
    const create = seen.find((s) => s.path === "/mch-api/v1/pa/payment_intents/create")!;
    expect(create.headers.authorization).toBe("Bearer 2YotnFZFEjr1zCsicMWpAA");
    // Exactly the seed's body: nothing invented goes on the wire.
    expect(JSON.parse(create.body)).toEqual(seedCreateRequest);
  });

  it("reads the seed's query answer and asks only with the seed's fields", async () => {
    const paid = await queryPaymentIntent(provider, { order_id: "C991289984923795789123", merchant_order_id: "P9297895081903" });
    expect(paid).toEqual({ order_id: "C991289984923795789123", merchant_order_id: "P9297895081903", amount: "50", currency: "TWD", status: "SUCCEEDED", create_time: "2023-08-31T04:44:05.928696203+08:00", pay_time: "2023-08-31T04:44:05.928696203+08:00" });
    expect(Object.keys(JSON.parse(seen.at(-1)!.body)).sort()).toEqual(["merchant_order_id", "order_id"]);
  });

  it("reuses the cached token, and on a 401 fetches a new one once and repeats the call", async () => {
    const tokensBefore = seen.filter((s) => s.path === "/token").length;
    await queryPaymentIntent(provider, { order_id: "C991289984923795789123" });
    expect(seen.filter((s) => s.path === "/token").length).toBe(tokensBefore);
    refuseNext = 1;
    await expect(queryPaymentIntent(provider, { order_id: "C991289984923795789123" })).resolves.toMatchObject({ status: "SUCCEEDED" });
    expect(seen.filter((s) => s.path === "/token").length).toBe(tokensBefore + 1);
    // Refused twice: not an endless loop, a clear failure.
    refuseNext = 2;
    await expect(queryPaymentIntent(provider, { order_id: "C991289984923795789123" })).rejects.toMatchObject({ name: "ProviderError" });
  });
});
