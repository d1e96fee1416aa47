import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";

/** What the application reuses from the merchant's Mini Program, as WeChat holds it (WeChat's "Submit payment qualifications" document). */
export type MiniProgramProfile = {
  subject_name: string;
  nickname: string;
  appid: string;
  license_number: string;
};

export const merchants = pgTable("merchants", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  miniProgram: jsonb("mini_program").$type<MiniProgramProfile>().notNull(),
  // Fee in basis points of the payment amount; WeChat caps it at 0.6% (60 bp).
  feeRateBps: integer("fee_rate_bps").notNull().default(60),
  // The Mini Program's AppSecret (sealed; lib/crypto/sealed-columns.ts): the per-merchant WeChat
  // access_token is fetched with it. Never shown again once set, only when and by whom.
  appSecretSealed: text("app_secret_sealed"),
  appSecretSetAt: timestamp("app_secret_set_at", { withTimezone: true }),
  appSecretSetBy: uuid("app_secret_set_by").references((): AnyPgColumn => users.id),
  // A deactivated merchant's people can no longer sign in; nothing is deleted.
  deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check("merchants_fee_rate_cap", sql`${t.feeRateBps} >= 0 and ${t.feeRateBps} <= 60`),
]);

/** Platform staff (`support`, `support_admin`) and a merchant's people (`owner`, `admin`, `viewer`). */
export const userRole = pgEnum("user_role", ["owner", "support", "admin", "viewer", "support_admin"]);
export type UserRole = (typeof userRole.enumValues)[number];

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  // Null until the person sets a password through their one-time link.
  passwordHash: text("password_hash"),
  role: userRole("role").notNull(),
  merchantId: uuid("merchant_id").references(() => merchants.id, { onDelete: "restrict" }),
  // Every session carries the version it was issued under; raising it ends them all at once.
  sessionVersion: integer("session_version").notNull().default(0),
  locale: text("locale").notNull().default("zh-CN"),
  // Non-essential mail (notifications, digests) off; invitations and resets are always sent.
  mailOptOut: boolean("mail_opt_out").notNull().default(false),
  totpSecretSealed: text("totp_secret_sealed"),
  totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
  // The last 30-second step a code was accepted for: a code is never accepted twice.
  totpLastStep: integer("totp_last_step"),
  deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  // A merchant's people belong to exactly one merchant; staff to none. Compared as text so that the
  // migration adding the roles can create it in the same transaction.
  check("users_role_merchant", sql`(${t.role}::text in ('support', 'support_admin')) = (${t.merchantId} is null)`),
  index("users_merchant_idx").on(t.merchantId),
]);

/** One-time recovery codes for two-factor sign-in, stored as SHA-256 hashes only. */
export const recoveryCodes = pgTable("recovery_codes", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  codeHash: text("code_hash").notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
}, (t) => [uniqueIndex("recovery_codes_user_hash_idx").on(t.userId, t.codeHash)]);

export const accountLinkKind = pgEnum("account_link_kind", ["invitation", "password_reset", "set_password"]);
export type AccountLinkKind = (typeof accountLinkKind.enumValues)[number];

/**
 * One-time links: invitations (to a merchant or the staff), password resets and the first
 * password of a bootstrapped account. Only the SHA-256 of the token is kept.
 */
export const accountLinks = pgTable("account_links", {
  id: uuid("id").primaryKey().defaultRandom(),
  kind: accountLinkKind("kind").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  email: text("email").notNull(),
  userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
  merchantId: uuid("merchant_id").references(() => merchants.id),
  role: userRole("role"),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
}, (t) => [
  index("account_links_merchant_idx").on(t.merchantId, t.createdAt),
  index("account_links_email_idx").on(t.email),
]);
