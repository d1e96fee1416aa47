import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** What the application reuses from the merchant's Mini Program, as WeChat holds it (seed 001). */
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
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check("merchants_fee_rate_cap", sql`${t.feeRateBps} >= 0 and ${t.feeRateBps} <= 60`),
]);

export const userRole = pgEnum("user_role", ["merchant_admin", "support"]);
export type UserRole = (typeof userRole.enumValues)[number];

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  role: userRole("role").notNull(),
  merchantId: uuid("merchant_id").references(() => merchants.id, { onDelete: "restrict" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  // A merchant admin belongs to exactly one merchant; support staff to none.
  check("users_role_merchant", sql`(${t.role} = 'merchant_admin') = (${t.merchantId} is not null)`),
  index("users_merchant_idx").on(t.merchantId),
]);
