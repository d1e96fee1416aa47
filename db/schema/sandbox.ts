import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

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
 * Applications received by /shop/wxpay/apply: one per Mini Program (appid), as at WeChat, where
 * a resubmission replaces it. Only non-personal facts are kept (`record`). The sandbox walks it
 * through WeChat's states, one step each time `nextStepAt` has passed when it is read.
 */
export const sandboxApplications = pgTable("sandbox_applications", {
  appid: text("appid").primaryKey(),
  applymentId: text("applyment_id").notNull(),
  merchantShortname: text("merchant_shortname").notNull(),
  organizationType: text("organization_type"),
  // Non-personal summary of what was sent (types, bank, media ids): what a test checks.
  record: jsonb("record").$type<Record<string, unknown>>().notNull(),
  // WeChat's applyment_state: CHECKING, ACCOUNT_NEED_VERIFY, AUDITING, REJECTED, NEED_SIGN, FINISH, FROZEN, CANCELED.
  state: text("state").notNull(),
  applyCount: integer("apply_count").notNull().default(1),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  nextStepAt: timestamp("next_step_at", { withTimezone: true }),
  auditDetail: jsonb("audit_detail").$type<{ param_name: string; reject_reason: string }[]>(),
  accountValidation: jsonb("account_validation").$type<Record<string, unknown>>(),
  subMchid: text("sub_mchid"),
});

/** `wx.login` codes the sandbox minted (dev checkout page, tests): one use each, five minutes. */
export const sandboxLoginCodes = pgTable("sandbox_login_codes", {
  code: text("code").primaryKey(),
  appid: text("appid").notNull(),
  openid: text("openid").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

/** The payment provider sandbox's OAuth access tokens (OAuth 2 client credentials), kept as hashes. */
export const sandboxProviderTokens = pgTable("sandbox_provider_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  clientId: text("client_id").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Sandbox provider: the payments it holds, as the real provider would (amounts as decimal strings). */
export const sandboxPayments = pgTable("sandbox_payments", {
  orderId: text("order_id").primaryKey(),
  merchantOrderId: text("merchant_order_id").notNull(),
  // payment_method.wechat of the create request (as the provider documents it): whose Mini Program, which shopper.
  subAppid: text("sub_appid").notNull().default(""),
  subOpenid: text("sub_openid").notNull().default(""),
  amount: text("amount").notNull(),
  currency: text("currency").notNull(),
  status: text("status").notNull(),
  description: text("description").notNull(),
  notifyUrl: text("notify_url"),
  createTime: timestamp("create_time", { withTimezone: true }).notNull(),
  payTime: timestamp("pay_time", { withTimezone: true }),
}, (t) => [uniqueIndex("sandbox_payments_app_order_key").on(t.subAppid, t.merchantOrderId)]);

/** Sandbox provider's signing key pair, created once, shared by all instances; the private half sealed (lib/crypto/at-rest). */
export const providerSandboxKeys = pgTable("provider_sandbox_keys", {
  serial: text("serial").primaryKey(),
  privateKeySealed: text("private_key_sealed").notNull(),
  publicKeyPem: text("public_key_pem").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
