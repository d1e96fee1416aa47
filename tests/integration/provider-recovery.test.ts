import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProviderError, createPaymentIntent, queryPaymentIntent, type PaymentProvider } from "@/lib/payments/provider";

/** What the fake provider does with the next request: hang, fail in some way, or answer properly. */
type Fault = "hang" | "reset" | "html-503" | "json-502" | "json-400" | "ok";

const payment = {
  order_id: "SIM1000001",
  merchant_order_id: "C20261122000000000001",
  amount: "12.34",
  currency: "CNY",
  status: "SUCCEEDED",
  create_time: "2026-11-22T10:00:00.123456789+08:00",
  pay_time: "2026-11-22T10:00:05.928696203+08:00",
};
const nextAction = { appId: "wx7bc98d929da735fe", nonceStr: "389ldtvku2t", package: "prepay_id=wx01193931618587ccd846840000", paySign: "Xe8d", signType: "RSA", timeStamp: "1719833981" };

describe("payment provider client under timeouts and server errors", () => {
  let server: Server;
  let provider: PaymentProvider;
  const queue: Fault[] = [];
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        seen.push(`${request.url} ${body}`);
        const fault = queue.shift() ?? "ok";
        if (fault === "hang") return; // never answers: only the client's timeout ends it
        if (fault === "reset") return void request.socket.destroy();
        if (fault === "html-503") return void response.writeHead(503, { "content-type": "text/html" }).end("<html>Service Unavailable</html>");
        if (fault === "json-502") return void response.writeHead(502, { "content-type": "application/json" }).end(JSON.stringify({ code: 50201, message: "upstream busy" }));
        if (fault === "json-400") return void response.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ code: 40001, message: "bad merchant_order_id" }));
        // A create is answered as the provider documents it (with next_action), a query with the payment.
        const data = request.url?.endsWith("/create") ? { ...payment, status: "PENDING", next_action: { type: "call_sdk", data: nextAction } } : payment;
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ code: 0, data }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    provider = { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, publicKeyFor: async () => undefined, timeoutMs: 300 };
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const query = () => queryPaymentIntent(provider, { order_id: payment.order_id });
  const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as ProviderError);

  it.each([["hang"], ["reset"], ["html-503"], ["json-502"]] as const)("reports %s as a transient failure, then recovers on the next call", async (fault) => {
    queue.push(fault);
    const started = performance.now();
    const error = await failure(query());
    expect(error).toBeInstanceOf(ProviderError);
    expect(error!.permanent).toBe(false);
    // A hung provider costs the timeout, not forever.
    expect(performance.now() - started).toBeLessThan(2000);
    await expect(query()).resolves.toMatchObject({ order_id: payment.order_id, status: "SUCCEEDED" });
  });

  it("gets through a run of timeouts and 5xx once the provider answers again", async () => {
    queue.push("hang", "html-503", "json-502", "reset");
    const attempts: string[] = [];
    let result;
    for (let attempt = 0; attempt < 6 && !result; attempt++) {
      try {
        result = await createPaymentIntent(provider, { amount: "12.34", currency: "CNY", merchant_order_id: payment.merchant_order_id, payment_method: { type: "wechat", wechat: { flow: "mini_program", sub_appid: "wx7bc98d929da735fe", sub_openid: "oqZa55Qo-u0cVViWMAgv_YbyXb4U" } }, description: "test" });
      } catch (error) {
        expect(error).toBeInstanceOf(ProviderError);
        expect((error as ProviderError).permanent).toBe(false);
        attempts.push((error as ProviderError).message);
      }
    }
    expect(attempts).toHaveLength(4);
    expect(result).toMatchObject({ merchant_order_id: payment.merchant_order_id, amount: "12.34" });
    // Every attempt sent the same body: a retry repeats the request, it does not invent a new order.
    const creates = seen.filter((line) => line.startsWith("/mch-api/v1/pa/payment_intents/create"));
    expect(new Set(creates.slice(-5)).size).toBe(1);
  });

  it("reports a 4xx refusal as permanent, so it is not retried forever", async () => {
    queue.push("json-400");
    const error = await failure(query());
    expect(error).toMatchObject({ permanent: true });
    expect(error!.message).toContain("40001");
  });
});
