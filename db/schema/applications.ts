import { sql } from "drizzle-orm";
import { boolean, customType, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { merchants, userRole, users } from "./accounts";

export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** DESIGN.md "Application states". */
export const applicationStatus = pgEnum("application_status", [
  "draft",
  "pending_review",
  "changes_requested",
  "approved",
  "submitting",
  "submitted",
  "finished",
  "rejected",
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
  // Searchable, non-personal copies for the support queue.
  organizationType: text("organization_type"),
  merchantShortname: text("merchant_shortname"),
  // The latest frozen revision (0 until the first submission).
  currentRevision: integer("current_revision").notNull().default(0),
  submittedAt: timestamp("submitted_at", { withTimezone: true }),
  // WeChat's last message for the merchant (permanent error or rejection), already user-readable.
  wechatMessage: text("wechat_message"),
  // Poll schedule for submitted applications.
  nextPollAt: timestamp("next_poll_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("applications_one_per_merchant").on(t.merchantId),
  index("applications_queue_idx").on(t.status, t.submittedAt),
  index("applications_poll_idx").on(t.nextPollAt).where(sql`${t.status} = 'submitted'`),
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

/** Uploaded document photos: sealed bytes (lib/crypto/at-rest) with WeChat's ids for them. */
export const mediaFiles = pgTable("media_files", {
  id: uuid("id").primaryKey().defaultRandom(),
  merchantId: uuid("merchant_id").notNull().references(() => merchants.id, { onDelete: "restrict" }),
  uploadedBy: uuid("uploaded_by").references(() => users.id),
  contentSealed: bytea("content_sealed").notNull(),
  mimeType: text("mime_type").notNull(),
  byteSize: integer("byte_size").notNull(),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  shrunk: boolean("shrunk").notNull().default(false),
  mediaId: text("media_id").notNull(),
  payMediaId: text("pay_media_id").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index("media_files_merchant_idx").on(t.merchantId),
  uniqueIndex("media_files_media_id").on(t.mediaId),
]);

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

/** Support reveals and review actions (issue: audit log). */
export const auditLog = pgTable("audit_log", {
  id: uuid("id").primaryKey().defaultRandom(),
  actorId: uuid("actor_id").notNull().references(() => users.id),
  merchantId: uuid("merchant_id").references(() => merchants.id),
  action: text("action").notNull(), // reveal, approve, request_changes, comment, …
  subjectType: text("subject_type").notNull(),
  subjectId: text("subject_id").notNull(),
  fieldPath: text("field_path"),
  reason: text("reason"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index("audit_log_actor_idx").on(t.actorId, t.createdAt),
  index("audit_log_merchant_idx").on(t.merchantId, t.createdAt),
]);
