import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { writeAudit } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors";
import { mailSettingsSchema, type MailSettings } from "./mail-settings-schema";

export async function getMailSettings(db: Db, userId: string): Promise<MailSettings> {
  const [row] = await db.select({ optOut: users.mailOptOut, locale: users.locale }).from(users).where(eq(users.id, userId));
  if (!row) throw new AppError("not_found", "Account not found.");
  return { optOut: row.optOut, locale: mailSettingsSchema.shape.locale.catch("zh-CN").parse(row.locale) };
}

/** Saves one's own mail settings; turning non-essential mail off or on is audited. */
export async function saveMailSettings(db: Db, userId: string, settings: MailSettings): Promise<MailSettings> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ optOut: users.mailOptOut, merchantId: users.merchantId }).from(users).where(eq(users.id, userId)).for("update");
    if (!before) throw new AppError("not_found", "Account not found.");
    await tx.update(users).set({ mailOptOut: settings.optOut, locale: settings.locale }).where(eq(users.id, userId));
    if (before.optOut !== settings.optOut) {
      await writeAudit(tx, { actorId: userId, merchantId: before.merchantId, action: settings.optOut ? "mail_opted_out" : "mail_opted_in", subjectType: "user", subjectId: userId });
    }
    return settings;
  });
}
