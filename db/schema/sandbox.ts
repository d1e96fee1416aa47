import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/*
 * State of the built-in WeChat sandbox (lib/wechat/sandbox). It lives in the database, not in
 * process memory, so that it survives restarts and several app instances answer alike.
 */

/** The sandbox's RSA key pair: the app encrypts sensitive fields with the public half. */
export const sandboxKeys = pgTable("sandbox_keys", {
  id: text("id").primaryKey(), // "platform"
  serial: text("serial").notNull(),
  publicKeyPem: text("public_key_pem").notNull(),
  // Sealed with the data key ring (lib/crypto/at-rest): a private key is never stored in clear.
  privateKeySealed: text("private_key_sealed").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** access_tokens the sandbox issued (stable-token semantics: one valid token per appid). */
export const sandboxTokens = pgTable("sandbox_tokens", {
  token: text("token").primaryKey(),
  appid: text("appid").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("sandbox_tokens_appid_idx").on(t.appid, t.expiresAt)]);

/** Images received by /shop/img/upload: only ids and a digest, never the picture. */
export const sandboxMedia = pgTable("sandbox_media", {
  mediaId: text("media_id").primaryKey(),
  payMediaId: text("pay_media_id").notNull(),
  appid: text("appid").notNull(),
  byteSize: integer("byte_size").notNull(),
  sha256: text("sha256").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("sandbox_media_pay_media_id").on(t.payMediaId)]);

/**
 * Applications received by /shop/wxpay/apply, one per (appid, merchant_ref). Only non-personal
 * facts are kept; review is decided when `decideAt` has passed and the application is read.
 */
export const sandboxApplications = pgTable("sandbox_applications", {
  id: uuid("id").primaryKey().defaultRandom(),
  appid: text("appid").notNull(),
  merchantRef: text("merchant_ref").notNull(),
  merchantShortname: text("merchant_shortname").notNull(),
  organizationType: text("organization_type"),
  status: text("status").notNull().default("auditing"), // auditing | finished | rejected
  applyCount: integer("apply_count").notNull().default(1),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  decideAt: timestamp("decide_at", { withTimezone: true }).notNull(),
  auditDetail: jsonb("audit_detail").$type<{ field: string; field_name: string; reject_reason: string }[]>(),
  subMchid: text("sub_mchid"),
}, (t) => [uniqueIndex("sandbox_applications_ref").on(t.appid, t.merchantRef)]);
