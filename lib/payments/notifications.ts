import { createHash } from "node:crypto";
import { and, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { paymentNotifications } from "@/db/schema";
import { applyProviderPayments } from "./apply-payment";
import { inboxFor } from "./notification-inbox";
import { ProviderError, queryPaymentIntent, type PaymentProvider, type ProviderPayment } from "./provider";
import { signatureHeaders, verifyMessage } from "./signature";

/** Notifications older (or further in the future) than this are refused as replays. */
export const notificationMaxAgeSeconds = 300;

export const paymentNotificationSchema = z.object({
  id: z.string().min(1).max(64).optional(),
  create_time: z.string().optional(),
  notify_type: z.string().min(1).max(64),
  data: z.object({ order_id: z.string().min(1).max(64), merchant_order_id: z.string().min(1).max(32).optional() }),
});
export type PaymentNotification = z.infer<typeof paymentNotificationSchema>;

/** What the webhook answers: 2xx means "recorded, do not send again"; 5xx asks the provider to retry. */
export type WebhookAnswer = { status: number; body: { code: "SUCCESS" | "FAIL"; message: string }; notificationId?: string; duplicate?: boolean };

const refuse = (status: number, message: string): WebhookAnswer => ({ status, body: { code: "FAIL", message } });

/** One delivery is the same notification as another when its id (or, without one, its type and order) matches. */
export function dedupeKeyFor(notification: PaymentNotification): string {
  const identity = notification.id ? `id:${notification.id}` : `order:${notification.notify_type}:${notification.data.order_id}`;
  return createHash("sha256").update(identity).digest("base64url");
}

/**
 * Checks the signature and age, then records the notification once (the inbox, batched with the
 * other requests of these few milliseconds). Processing (query and apply) is a background job, so a
 * slow provider query never delays or fails the webhook.
 */
export async function receivePaymentNotification(
  db: Db,
  provider: PaymentProvider,
  input: { headers: Headers; body: string; now?: number },
): Promise<WebhookAnswer> {
  const timestamp = input.headers.get(signatureHeaders.timestamp);
  const nonce = input.headers.get(signatureHeaders.nonce);
  const signature = input.headers.get(signatureHeaders.signature);
  const serial = input.headers.get(signatureHeaders.serial);
  if (!timestamp || !nonce || !signature || !serial) return refuse(401, "unsigned");
  if (!/^\d{1,12}$/.test(timestamp) || nonce.length > 64) return refuse(400, "malformed signature headers");
  const now = input.now ?? Date.now();
  if (Math.abs(now / 1000 - Number(timestamp)) > notificationMaxAgeSeconds) return refuse(400, "stale");
  const key = await provider.publicKeyFor(serial);
  if (!key) return refuse(401, "unknown key serial");
  if (!verifyMessage(key, timestamp, nonce, input.body, signature)) return refuse(401, "bad signature");

  let notification: PaymentNotification;
  try {
    notification = paymentNotificationSchema.parse(JSON.parse(input.body));
  } catch {
    return refuse(400, "not a payment notification");
  }
  const recorded = await inboxFor(db).record({
    dedupeKey: dedupeKeyFor(notification),
    nonce,
    notifyType: notification.notify_type,
    orderId: notification.data.order_id,
    merchantOrderId: notification.data.merchant_order_id ?? null,
  });
  return { status: 200, body: { code: "SUCCESS", message: "ok" }, notificationId: recorded.id, duplicate: recorded.duplicate };
}

/** A failed query's own reason: drizzle wraps it in a message quoting the whole statement. */
function reasonOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

const retryDelaySeconds = (attempts: number) => Math.min(2 ** attempts * 5, 3600);

type Claimed = { id: string; order_id: string; merchant_order_id: string | null; attempts: number };

/**
 * Claims due notifications (SKIP LOCKED, so several instances share the work without doing any
 * twice), asks the provider for each payment's authoritative state and applies the answers together.
 */
export async function processDueNotifications(
  db: Db,
  provider: PaymentProvider,
  options: { settlementDelayHours: number; limit?: number; onlyId?: string; concurrency?: number },
): Promise<{ processed: number; failed: number }> {
  const limit = options.limit ?? 50;
  const only = options.onlyId ? sql`and id = ${options.onlyId}` : sql``;
  const result = (await db.execute(sql`
    update payment_notifications set attempts = attempts + 1, next_attempt_at = now() + interval '60 seconds'
    where id in (
      select id from payment_notifications
      where processed_at is null and next_attempt_at <= now() ${only}
      order by next_attempt_at limit ${limit}
      for update skip locked
    )
    returning id, order_id, merchant_order_id, attempts`)) as unknown as { rows: Claimed[] };
  const done: string[] = [];
  let failed = 0;
  const fail = async (claimed: Claimed, error: unknown) => {
    failed++;
    const permanent = error instanceof ProviderError && error.permanent;
    await db
      .update(paymentNotifications)
      .set({
        lastError: reasonOf(error).slice(0, 500),
        // A permanent failure is kept for inspection but not retried.
        ...(permanent ? { processedAt: new Date() } : { nextAttemptAt: new Date(Date.now() + retryDelaySeconds(claimed.attempts) * 1000) }),
      })
      .where(and(eq(paymentNotifications.id, claimed.id), isNull(paymentNotifications.processedAt)));
  };
  // The provider's answers, a few queries at a time (its round trip dominates); failures are retried later.
  const answered: { claimed: Claimed; reported: ProviderPayment }[] = [];
  const queue = [...result.rows];
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, queue.length) }, async () => {
    for (let claimed = queue.shift(); claimed; claimed = queue.shift()) {
      try {
        answered.push({ claimed, reported: await queryPaymentIntent(provider, { order_id: claimed.order_id, ...(claimed.merchant_order_id ? { merchant_order_id: claimed.merchant_order_id } : {}) }) });
      } catch (error) {
        await fail(claimed, error);
      }
    }
  }));
  // Applied together in one transaction; should that fail, one by one, so one bad answer holds up no other.
  const apply = (batch: typeof answered) => applyProviderPayments(db, batch.map((a) => a.reported), { source: "notification", settlementDelayHours: options.settlementDelayHours });
  const settle = async (batch: typeof answered, outcomes: Awaited<ReturnType<typeof apply>>) => {
    for (const [n, outcome] of outcomes.entries()) {
      if (outcome instanceof ProviderError) await fail(batch[n]!.claimed, outcome);
      else done.push(batch[n]!.claimed.id);
    }
  };
  const together = answered.length ? await apply(answered).catch(() => undefined) : [];
  if (together) await settle(answered, together);
  else for (const one of answered) await apply([one]).then((outcomes) => settle([one], outcomes), (error) => fail(one.claimed, error));
  // One statement marks the batch: applying is idempotent, so a crash before it only repeats the work.
  if (done.length) await db.update(paymentNotifications).set({ processedAt: new Date(), lastError: null }).where(inArray(paymentNotifications.id, done));
  return { processed: done.length, failed };
}

/** Processes batches until none is due or `budgetMs` is spent: a backlog drains at the pace of the work, not a batch per run. */
export async function drainDueNotifications(db: Db, provider: PaymentProvider, options: Parameters<typeof processDueNotifications>[2] & { budgetMs?: number }) {
  const until = Date.now() + (options.budgetMs ?? 30_000);
  const total = { processed: 0, failed: 0 };
  for (;;) {
    const batch = await processDueNotifications(db, provider, options);
    total.processed += batch.processed;
    total.failed += batch.failed;
    if (batch.processed + batch.failed === 0 || Date.now() >= until) return total;
  }
}

export async function pendingNotificationCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(paymentNotifications).where(and(isNull(paymentNotifications.processedAt), lte(paymentNotifications.nextAttemptAt, sql`now()`)));
  return row?.n ?? 0;
}
