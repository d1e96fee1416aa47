import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { merchants, notifications, users, type ApplicationStatus, type WithdrawalStatus } from "@/db/schema";
import { staffRoles } from "@/lib/auth/roles";
import { applicationNotices, isEssential, recipientRoles, withdrawalNotices, type NoticeKind } from "./kinds";

export type Notice = { eventKey: string; kind: NoticeKind; content?: Record<string, unknown> };

async function insertFor(tx: Db, notice: Notice, recipients: { id: string; merchantId: string | null }[]): Promise<number> {
  if (recipients.length === 0) return 0;
  const inserted = await tx
    .insert(notifications)
    .values(recipients.map((r) => ({ eventKey: notice.eventKey, userId: r.id, merchantId: r.merchantId, kind: notice.kind, essential: isEssential(notice.kind), content: notice.content ?? {} })))
    .onConflictDoNothing({ target: [notifications.eventKey, notifications.userId] })
    .returning({ id: notifications.id });
  return inserted.length;
}

/**
 * Queues one mail per active person of an active merchant who should hear of it, in the caller's
 * transaction so that the mail exists exactly when the change it tells about does. Opt-outs are
 * read at delivery, when the person's setting is current.
 */
export async function queueMerchantNotice(tx: Db, merchantId: string, notice: Notice): Promise<number> {
  const recipients = await tx
    .select({ id: users.id, merchantId: users.merchantId })
    .from(users)
    .innerJoin(merchants, eq(merchants.id, users.merchantId))
    .where(and(eq(users.merchantId, merchantId), inArray(users.role, [...recipientRoles(notice.kind)]), isNull(users.deactivatedAt), isNull(merchants.deactivatedAt)));
  return insertFor(tx, notice, recipients);
}

/** Queues one mail per active member of the platform staff. */
export async function queueStaffNotice(tx: Db, notice: Notice): Promise<number> {
  const recipients = await tx
    .select({ id: users.id, merchantId: users.merchantId })
    .from(users)
    .where(and(inArray(users.role, [...staffRoles]), isNull(users.deactivatedAt)));
  return insertFor(tx, notice, recipients);
}

/** The mail an application's new state calls for, keyed by the event row that records the move. */
export async function queueApplicationNotice(
  tx: Db,
  event: { id: string; applicationId: string; merchantId: string; toStatus: ApplicationStatus; revision?: number | null; subMchid?: string | null },
): Promise<number> {
  const kind = applicationNotices[event.toStatus];
  if (!kind) return 0;
  const content = { applicationId: event.applicationId, revision: event.revision ?? null, ...(event.subMchid ? { subMchid: event.subMchid } : {}) };
  return queueMerchantNotice(tx, event.merchantId, { eventKey: `application-event:${event.id}`, kind, content });
}

/** The mail a withdrawal's new state calls for, keyed by the event row that records the move. */
export async function queueWithdrawalNotice(
  tx: Db,
  event: { id: string; withdrawalId: string; merchantId: string; toStatus: WithdrawalStatus; amountMinor: number; currency: string },
): Promise<number> {
  const kind = withdrawalNotices[event.toStatus];
  if (!kind) return 0;
  const content = { withdrawalId: event.withdrawalId, amountMinor: event.amountMinor, currency: event.currency };
  return queueMerchantNotice(tx, event.merchantId, { eventKey: `withdrawal-event:${event.id}`, kind, content });
}
