import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { merchants, userRole, users } from "./accounts";

/** The application's states; lib/applications/state.ts holds the moves between them. */
export const applicationStatus = pgEnum("application_status", [
  "draft",
  "pending_review",
  "changes_requested",
  "approved",
  "submitting",
  "submitted",
  // WeChat's own states, as /shop/wxpay/get reports them (lib/wechat/application-status.ts).
  "checking",
  "account_verification",
  "auditing",
  "to_be_signed",
  "legal_validation",
  "finished",
  "rejected",
  "frozen",
  "canceled",
]);
export type ApplicationStatus = (typeof applicationStatus.enumValues)[number];

/**
 * One qualification application per merchant. The working copy (`draft`) is the whole form as
 * sealed JSON (lib/crypto/at-rest), with the step the user was on and a version for optimistic
 * concurrency: a save names the version it started from and loses if another save came first.
 */
export const applications = pgTable("applications", {
  id: uuid("id").primaryKey().defaultRandom(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id, { onDelete: "restrict" }),
  status: applicationStatus("status").notNull().default("draft"),
  draftSealed: text("draft_sealed").notNull(),
  draftStep: text("draft_step").notNull().default("subject"),
  draftVersion: integer("draft_version").notNull().default(1),
  /** The browser tab that wrote the current version: its own late save is not "changed elsewhere". */
  draftWriter: text("draft_writer"),
  // Searchable, non-personal copies for the support queue.
  organizationType: text("organization_type"),
  merchantShortname: text("merchant_shortname"),
  // The latest frozen revision (0 until the first submission).
  currentRevision: integer("current_revision").notNull().default(0),
  submittedAt: timestamp("submitted_at", { withTimezone: true }),
  // WeChat's last message for the merchant (permanent error or rejection), already user-readable.
  wechatMessage: text("wechat_message"),
  // Poll schedule while WeChat has the application and has not decided (null once final).
  nextPollAt: timestamp("next_poll_at", { withTimezone: true }),
  // WeChat's last answer: its raw applyment_state (shown as it is when undocumented) and what the
  // hand-offs need (transfer details, sign_url, legal_validation_url, sub_mchid). No personal data.
  wechatState: text("wechat_state"),
  wechatHandoff: jsonb("wechat_handoff").$type<Record<string, unknown>>(),
  // Answers in a row with an undocumented applyment_state; support is told from the third on.
  wechatUnknownCount: integer("wechat_unknown_count").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("applications_one_per_merchant").on(t.merchantId),
  index("applications_queue_idx").on(t.status, t.submittedAt),
  index("applications_poll_idx").on(t.nextPollAt).where(sql`${t.nextPollAt} is not null`),
]);

/** A submitted, frozen copy of the application: what support reviews and what is sent to WeChat. */
export const applicationRevisions = pgTable("application_revisions", {
  id: uuid("id").primaryKey().defaultRandom(),
  applicationId: uuid("application_id").notNull().references(() => applications.id, { onDelete: "cascade" }),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id, { onDelete: "restrict" }),
  revision: integer("revision").notNull(),
  dataSealed: text("data_sealed").notNull(),
  submittedBy: uuid("submitted_by").references(() => users.id),
  // The idempotency key of the submit request, so a retried submit finds its revision.
  submitKey: text("submit_key"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("application_revisions_unique").on(t.applicationId, t.revision),
  uniqueIndex("application_revisions_submit_key").on(t.applicationId, t.submitKey),
]);

/** Every state change and notable act on an application: the timeline is read from here. */
export const applicationEvents = pgTable("application_events", {
  id: uuid("id").primaryKey().defaultRandom(),
  applicationId: uuid("application_id").notNull().references(() => applications.id, { onDelete: "cascade" }),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id, { onDelete: "restrict" }),
  // saved, submitted, commented, changes_requested, approved, sent_to_wechat, wechat_answer, polled, …
  type: text("type").notNull(),
  fromStatus: applicationStatus("from_status"),
  toStatus: applicationStatus("to_status"),
  revision: integer("revision"),
  actorId: uuid("actor_id").references(() => users.id),
  actorRole: userRole("actor_role"),
  // Free text from the actor (an approval note); never personal data of the application.
  note: text("note"),
  // Support-only events and notes are hidden from the merchant's timeline.
  internal: boolean("internal").notNull().default(false),
  // Machine details (errcode/errmsg, field paths); shown to support, not to merchants.
  details: jsonb("details").$type<Record<string, unknown>>(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("application_events_timeline_idx").on(t.applicationId, t.createdAt)]);

/** Per-field comments from support (or WeChat's rejection reasons) on one revision. */
export const fieldComments = pgTable("field_comments", {
  id: uuid("id").primaryKey().defaultRandom(),
  applicationId: uuid("application_id").notNull().references(() => applications.id, { onDelete: "cascade" }),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id, { onDelete: "restrict" }),
  revision: integer("revision").notNull(),
  // The field's path in qualificationSchema, e.g. `id_card_info.id_card_number`.
  fieldPath: text("field_path").notNull(),
  body: text("body").notNull(),
  source: text("source").notNull().default("support"), // support | wechat
  authorId: uuid("author_id").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("field_comments_application_idx").on(t.applicationId, t.revision)]);
