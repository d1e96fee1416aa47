import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { merchants, users } from "./accounts";

export const notificationState = pgEnum("notification_state", ["pending", "sent", "skipped", "failed"]);
export type NotificationState = (typeof notificationState.enumValues)[number];

/**
 * The mail outbox: one row per event and recipient, written in the transaction of the change it
 * tells about and sent by the delivery job. The unique (event_key, user_id) keeps a retried or
 * repeated event to one mail per person.
 */
export const notifications = pgTable("notifications", {
  id: uuid("id").primaryKey().defaultRandom(),
  // What happened, once: `application-event:<id>`, `withdrawal-event:<id>`, `staff-digest:<day>`.
  eventKey: text("event_key").notNull(),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  merchantId: uuid("merchant_id").references(() => merchants.id, { onDelete: "cascade" }),
  // The mail template (lib/mail/templates.ts MailKind).
  kind: text("kind").notNull(),
  // Essential mails ask the person to act and ignore the opt-out.
  essential: boolean("essential").notNull(),
  // What the mail needs beyond the live records (ids, amounts, digest lines); no personal data.
  content: jsonb("content").$type<Record<string, unknown>>().notNull().default({}),
  state: notificationState("state").notNull().default("pending"),
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
  lastError: text("last_error"),
  sentAt: timestamp("sent_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("notifications_event_user_key").on(t.eventKey, t.userId),
  index("notifications_due_idx").on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
]);
