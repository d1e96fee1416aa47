import { boolean, customType, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { merchants, users } from "./accounts";

export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});


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
