import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { merchants, users } from "./accounts";
import { payments } from "./payments";

/**
 * A merchant's API key for its Mini Program back end. Only a SHA-256 of the key is kept (the key
 * has 256 random bits, so a fast hash is enough); `prefix` is what the list shows.
 */
export const apiKeys = pgTable("api_keys", {
  id: uuid("id").primaryKey().defaultRandom(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id, { onDelete: "restrict" }),
  name: text("name").notNull(),
  prefix: text("prefix").notNull(),
  keyHash: text("key_hash").notNull(),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
}, (t) => [
  uniqueIndex("api_keys_hash_key").on(t.keyHash),
  index("api_keys_merchant_idx").on(t.merchantId, t.createdAt),
]);

/**
 * One row per (merchant, Idempotency-Key) of `POST /api/v1/payments`: claimed before anything is
 * sent to WeChat or the provider, so concurrent retries wait for the first instead of paying twice.
 */
export const paymentRequests = pgTable("payment_requests", {
  id: uuid("id").primaryKey().defaultRandom(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id, { onDelete: "restrict" }),
  idempotencyKey: text("idempotency_key").notNull(),
  // SHA-256 of the canonical request body: the same key with another body is a 409.
  requestHash: text("request_hash").notNull(),
  paymentId: uuid("payment_id").references(() => payments.id),
  // A failure the client may see again on retry (e.g. an expired js_code), as `{status, code, message}`.
  failure: jsonb("failure").$type<{ status: number; code: string; message: string }>(),
  // While no payment and no failure: who works on it, until when (a crashed worker's claim expires).
  claimedUntil: timestamp("claimed_until", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("payment_requests_key").on(t.merchantId, t.idempotencyKey)]);

/** The merchant's HTTPS endpoints that receive signed payment events. */
export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: uuid("id").primaryKey().defaultRandom(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id, { onDelete: "restrict" }),
  url: text("url").notNull(),
  // HMAC signing secret, sealed (lib/crypto/at-rest); shown once when created.
  secretSealed: text("secret_sealed").notNull(),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  deletedAt: timestamp("deleted_at", { withTimezone: true }),
}, (t) => [index("webhook_endpoints_merchant_idx").on(t.merchantId, t.createdAt)]);

/** One event per payment status change; its id is what every delivery of it carries. */
export const webhookEvents = pgTable("webhook_events", {
  id: uuid("id").primaryKey().defaultRandom(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id, { onDelete: "restrict" }),
  type: text("type").notNull(),
  paymentId: uuid("payment_id").references(() => payments.id),
  payload: jsonb("payload").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("webhook_events_merchant_idx").on(t.merchantId, t.createdAt)]);

/** An event to send to one endpoint, retried with backoff until it succeeds or 24 h have passed. */
export const webhookDeliveries = pgTable("webhook_deliveries", {
  id: uuid("id").primaryKey().defaultRandom(),
  eventId: uuid("event_id").notNull().references(() => webhookEvents.id, { onDelete: "cascade" }),
  endpointId: uuid("endpoint_id").notNull().references(() => webhookEndpoints.id, { onDelete: "cascade" }),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id, { onDelete: "restrict" }),
  // pending | succeeded | failed
  status: text("status").notNull().default("pending"),
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).defaultNow(),
  giveUpAt: timestamp("give_up_at", { withTimezone: true }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
]);

/** Every attempt of a delivery: what the endpoint answered, how fast, and the start of its answer. */
export const webhookAttempts = pgTable("webhook_attempts", {
  id: uuid("id").primaryKey().defaultRandom(),
  deliveryId: uuid("delivery_id").notNull().references(() => webhookDeliveries.id, { onDelete: "cascade" }),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id, { onDelete: "restrict" }),
  httpStatus: integer("http_status"),
  latencyMs: integer("latency_ms").notNull(),
  excerpt: text("excerpt"),
  error: text("error"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.createdAt)]);
