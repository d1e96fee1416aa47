import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { merchants, users } from "./accounts";

/** Who revealed personal data or acted on a review, and when. */
export const auditLog = pgTable("audit_log", {
  id: uuid("id").primaryKey().defaultRandom(),
  // Null for the operator's command line (scripts/admin.ts).
  actorId: uuid("actor_id").references(() => users.id),
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
