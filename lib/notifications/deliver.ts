import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { createTranslator } from "next-intl";
import { z } from "zod";
import { queryRows, type Db } from "@/db/client";
import { fieldComments, merchants, notifications, users } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { defaultLocale, isLocale, type Locale } from "@/lib/i18n/config";
import { fieldLabelFor } from "@/lib/i18n/field-labels";
import { messagesByLocale } from "@/lib/i18n/messages";
import { sendMail, type OutgoingMail } from "@/lib/mail/send";
import { renderMail, type MailContent } from "@/lib/mail/templates";
import { formatDateTime, formatMoney } from "@/lib/money/format";
import { logger } from "@/lib/runtime/logger";
import { isEssential, type NoticeKind } from "./kinds";

/** Longer than nodemailer's 10-minute socket timeout: a send still under way is never claimed again. */
export const DELIVERY_LEASE_MS = 15 * 60_000;
/** After this many failed sends a mail is given up (kept as `failed` with its last error). */
export const MAX_DELIVERY_ATTEMPTS = 8;

export type DeliveryOptions = { limit?: number; baseUrl?: string; send?: (mail: OutgoingMail) => Promise<void> };
export type DeliveryResult = { sent: number; skipped: number; failed: number };

const contentSchema = z
  .object({
    applicationId: z.string(),
    revision: z.number().int().nullable(),
    subMchid: z.string(),
    withdrawalId: z.string(),
    amountMinor: z.number().int(),
    currency: z.string(),
    applications: z.array(z.object({ merchantName: z.string(), status: z.string(), since: z.string() })),
  })
  .partial();

type Claimed = typeof notifications.$inferSelect;
type Recipient = { email: string; locale: string; mailOptOut: boolean; active: boolean };

/** 1, 2, 4 … minutes, capped at an hour. */
function retryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** SMTP answers may quote the address they refused: logs and rows keep no address. */
function withoutAddresses(message: string): string {
  return message.replace(/[^\s<>@"']+@[^\s<>@"']+/g, "<address>").slice(0, 500);
}

/**
 * Sends the queued mails that are due. Each run claims its rows (FOR UPDATE SKIP LOCKED, their next
 * attempt pushed out by the lease) before sending, so that two runs or instances never send the
 * same row; a row is marked sent as soon as its mail is accepted.
 */
export async function deliverNotifications(db: Db, now: Date = new Date(), options: DeliveryOptions = {}): Promise<DeliveryResult> {
  const claimed = await db.transaction(async (tx) => {
    const due = await queryRows<{ id: string }>(
      tx as unknown as Db,
      sql`select id from notifications where state = 'pending' and next_attempt_at <= ${now.toISOString()}
          order by next_attempt_at limit ${options.limit ?? 50} for update skip locked`,
    );
    if (due.length === 0) return [];
    return tx
      .update(notifications)
      .set({ attempts: sql`${notifications.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + DELIVERY_LEASE_MS) })
      .where(inArray(notifications.id, due.map((d) => d.id)))
      .returning();
  });

  const result: DeliveryResult = { sent: 0, skipped: 0, failed: 0 };
  const baseUrl = (options.baseUrl ?? getConfig().authUrl).replace(/\/+$/, "");
  const send = options.send ?? sendMail;
  for (const row of claimed) {
    const recipient = await recipientOf(db, row);
    const skip = !recipient?.active ? "inactive" : recipient.mailOptOut && !isEssential(row.kind as NoticeKind) ? "opted_out" : null;
    if (skip || !recipient) {
      await db.update(notifications).set({ state: "skipped", lastError: skip }).where(and(eq(notifications.id, row.id), eq(notifications.state, "pending")));
      result.skipped++;
      continue;
    }
    try {
      await send(await mailFor(db, row, recipient, baseUrl));
      await db.update(notifications).set({ state: "sent", sentAt: new Date(), lastError: null }).where(and(eq(notifications.id, row.id), eq(notifications.state, "pending")));
      result.sent++;
    } catch (error) {
      const message = withoutAddresses(error instanceof Error ? error.message : String(error));
      const giveUp = row.attempts >= MAX_DELIVERY_ATTEMPTS;
      logger.warn("notification.send_failed", { notificationId: row.id, kind: row.kind, attempts: row.attempts, giveUp, error: message });
      await db
        .update(notifications)
        .set(giveUp ? { state: "failed", lastError: message } : { lastError: message, nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts)) })
        .where(and(eq(notifications.id, row.id), eq(notifications.state, "pending")));
      result.failed++;
    }
  }
  if (claimed.length) logger.info("notification.delivered", { ...result });
  return result;
}

/** The recipient as they are now: a person deactivated, or of a deactivated merchant, gets nothing. */
async function recipientOf(db: Db, row: Claimed): Promise<Recipient | null> {
  const [found] = await db
    .select({ email: users.email, locale: users.locale, mailOptOut: users.mailOptOut, userOff: users.deactivatedAt, merchantOff: merchants.deactivatedAt })
    .from(users)
    .leftJoin(merchants, eq(merchants.id, users.merchantId))
    .where(eq(users.id, row.userId));
  if (!found) return null;
  return { email: found.email, locale: found.locale, mailOptOut: found.mailOptOut, active: !found.userOff && !found.merchantOff };
}

/** The mail of one queued row, in the recipient's language, read from the records as they are now. */
async function mailFor(db: Db, row: Claimed, recipient: Recipient, baseUrl: string): Promise<OutgoingMail> {
  const locale: Locale = isLocale(recipient.locale) ? recipient.locale : defaultLocale;
  const t = createTranslator({ locale, messages: messagesByLocale[locale] });
  const content = contentSchema.parse(row.content);
  const kind = row.kind as NoticeKind;
  const [merchant] = row.merchantId ? await db.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, row.merchantId)) : [];
  const mail: MailContent = { values: { merchant: merchant?.name ?? "" } };
  switch (kind) {
    case "changesRequested":
    case "rejected":
      mail.items = (await flaggedFields(db, row, content, kind === "rejected" ? "wechat" : "support")).map((path) => fieldLabelFor(t, path));
      mail.link = `${baseUrl}/onboarding`;
      break;
    case "accountOpen":
      mail.values!.subMchid = content.subMchid ?? "—";
      mail.link = `${baseUrl}/onboarding`;
      break;
    case "withdrawalFailed":
    case "withdrawalReturned":
      mail.values!.amount = formatMoney(content.amountMinor ?? 0, content.currency ?? "CNY", locale);
      mail.link = `${baseUrl}/withdrawals/${content.withdrawalId}`;
      break;
    case "staffDigest": {
      const waiting = content.applications ?? [];
      mail.values = { count: waiting.length };
      mail.items = waiting.map((a) =>
        t("accounts.mail.staffDigest.item", { merchant: a.merchantName, status: t.has(`review.status.${a.status}` as never) ? t(`review.status.${a.status}` as never) : a.status, since: formatDateTime(a.since, locale) }),
      );
      mail.link = `${baseUrl}/support/review`;
      break;
    }
    default:
      mail.link = `${baseUrl}/onboarding`;
  }
  return renderMail(kind, locale, recipient.email, mail);
}

/** The fields support commented on (or WeChat refused) in the revision the notice is about. */
async function flaggedFields(db: Db, row: Claimed, content: z.infer<typeof contentSchema>, source: "support" | "wechat"): Promise<string[]> {
  if (!content.applicationId || content.revision == null || !row.merchantId) return [];
  const comments = await db
    .select({ fieldPath: fieldComments.fieldPath })
    .from(fieldComments)
    .where(and(eq(fieldComments.applicationId, content.applicationId), eq(fieldComments.merchantId, row.merchantId), eq(fieldComments.revision, content.revision), eq(fieldComments.source, source)))
    .orderBy(asc(fieldComments.createdAt), asc(fieldComments.id));
  return [...new Set(comments.map((c) => c.fieldPath))];
}
