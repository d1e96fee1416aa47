import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { merchants } from "./accounts";
import { applications } from "./applications";

/**
 * One row per (application, revision) sent to WeChat: the unique index makes a second send of the
 * same revision impossible, whichever instance tries. Workers claim rows with FOR UPDATE SKIP LOCKED.
 */
export const wechatSubmissions = pgTable("wechat_submissions", {
  id: uuid("id").primaryKey().defaultRandom(),
  applicationId: uuid("application_id").notNull().references(() => applications.id, { onDelete: "cascade" }),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id, { onDelete: "restrict" }),
  revision: integer("revision").notNull(),
  state: text("state").notNull().default("pending"), // pending | sent | failed
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
  lastErrcode: integer("last_errcode"),
  lastErrmsg: text("last_errmsg"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("wechat_submissions_once_per_revision").on(t.applicationId, t.revision),
  index("wechat_submissions_due_idx").on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
]);
