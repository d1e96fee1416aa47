import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { apiErrorSchema, paymentCreateSchema, paymentListQuerySchema, paymentListSchema, paymentSchema, webhookEventSchema } from "./api-schemas";

const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, { description: { 400: "Bad request", 401: "Missing or invalid API key", 404: "Not found", 409: "Idempotency-Key reused with another body, or merchant_order_id taken", 422: "Invalid fields", 429: "Rate limited (per key)", 502: "Refused by WeChat or the provider", 503: "WeChat or the provider unreachable: retry with the same Idempotency-Key" }[s] ?? "Error", content: { "application/json": { schema: apiErrorSchema } } }]));

/** The OpenAPI 3.1 document of `/api/v1`, generated from the zod schemas the routes parse with. */
export function openApiDocument(serverUrl: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "apiKey", { type: "http", scheme: "bearer", description: "An API key from Settings → Developers." });
  const security = [{ apiKey: [] }];
  registry.registerPath({
    method: "post",
    path: "/api/v1/payments",
    summary: "Create a payment for wx.requestPayment",
    security,
    request: {
      headers: z.object({ "Idempotency-Key": z.string().min(1).max(255).meta({ description: "Same key and body: the same payment. Same key, other body: 409." }) }),
      body: { content: { "application/json": { schema: paymentCreateSchema } } },
    },
    responses: { 201: { description: "Created, PENDING, with next_action", content: { "application/json": { schema: paymentSchema } } }, 200: { description: "A retry: the payment created first", content: { "application/json": { schema: paymentSchema } } }, ...errors(400, 401, 409, 422, 429, 502, 503) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/payments",
    summary: "List payments (newest first) or find one by merchant_order_id",
    security,
    request: { query: paymentListQuerySchema },
    responses: { 200: { description: "A page", content: { "application/json": { schema: paymentListSchema } } }, ...errors(401, 422, 429) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/payments/{id}",
    summary: "Get a payment",
    security,
    request: { params: z.object({ id: z.uuid() }) },
    responses: { 200: { description: "The payment", content: { "application/json": { schema: paymentSchema } } }, ...errors(401, 404, 429) },
  });
  registry.registerWebhook({
    method: "post",
    path: "payment-event",
    summary: "Sent to your endpoints on every status change, signed: Console-Signature: t=<unix>,v1=<hex HMAC-SHA256 of \"t.body\" with the endpoint secret>",
    request: { body: { content: { "application/json": { schema: webhookEventSchema } } } },
    responses: { 200: { description: "Any 2xx acknowledges; anything else is retried for 24 h" } },
  });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: "WeChat Pay console API", version: "1.0.0", description: "Payments for the merchant's Mini Program back end." },
    servers: [{ url: serverUrl }],
  });
}
