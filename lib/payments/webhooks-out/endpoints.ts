import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from "@/db/schema";
import { sealString, type KeyRing } from "@/lib/crypto/at-rest";
import { AppError } from "@/lib/errors";
import { deliveryWindowMs } from "./events";
import { newWebhookSecret } from "./signature";
import { assertPublicEndpoint } from "./url-guard";

export const maxEndpointsPerMerchant = 5;

/** Registers an endpoint; answers its signing secret, which is shown once. */
export async function createWebhookEndpoint(db: Db, ring: KeyRing, input: { merchantId: string; url: string; createdBy?: string; allowHttpLocalhost: boolean }) {
  const url = await assertPublicEndpoint(input.url.trim(), input.allowHttpLocalhost);
  const active = await db.$count(webhookEndpoints, and(eq(webhookEndpoints.merchantId, input.merchantId), isNull(webhookEndpoints.deletedAt)));
  if (active >= maxEndpointsPerMerchant) throw new AppError("conflict", `At most ${maxEndpointsPerMerchant} endpoints per merchant.`, undefined, { reason: "webhook.too_many", values: { max: maxEndpointsPerMerchant } });
  const secret = newWebhookSecret();
  const [row] = await db.insert(webhookEndpoints).values({ merchantId: input.merchantId, url: url.toString(), secretSealed: sealString(ring, secret), createdBy: input.createdBy }).returning({ id: webhookEndpoints.id });
  return { id: row!.id, url: url.toString(), secret };
}

export async function deleteWebhookEndpoint(db: Db, input: { merchantId: string; id: string }) {
  const [row] = await db.update(webhookEndpoints).set({ deletedAt: new Date() })
    .where(and(eq(webhookEndpoints.id, input.id), eq(webhookEndpoints.merchantId, input.merchantId), isNull(webhookEndpoints.deletedAt))).returning({ id: webhookEndpoints.id });
  if (!row) throw new AppError("not_found", "This endpoint does not exist.");
}

/** The merchant's endpoints with their latest deliveries and every attempt of those. */
export async function listWebhookEndpoints(db: Db, input: { merchantId: string; deliveriesPerEndpoint?: number }) {
  const endpoints = await db.select({ id: webhookEndpoints.id, url: webhookEndpoints.url, createdAt: webhookEndpoints.createdAt }).from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.merchantId, input.merchantId), isNull(webhookEndpoints.deletedAt))).orderBy(desc(webhookEndpoints.createdAt));
  return Promise.all(endpoints.map(async (endpoint) => {
    const deliveries = await db
      .select({ id: webhookDeliveries.id, status: webhookDeliveries.status, attempts: webhookDeliveries.attempts, createdAt: webhookDeliveries.createdAt, nextAttemptAt: webhookDeliveries.nextAttemptAt, eventId: webhookEvents.id, type: webhookEvents.type })
      .from(webhookDeliveries)
      .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
      .where(and(eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.merchantId, input.merchantId)))
      .orderBy(desc(webhookDeliveries.createdAt))
      .limit(input.deliveriesPerEndpoint ?? 20);
    const attempts = deliveries.length
      ? await db.select().from(webhookAttempts).where(and(inArray(webhookAttempts.deliveryId, deliveries.map((d) => d.id)), eq(webhookAttempts.merchantId, input.merchantId))).orderBy(desc(webhookAttempts.createdAt))
      : [];
    return { ...endpoint, deliveries: deliveries.map((d) => ({ ...d, log: attempts.filter((a) => a.deliveryId === d.id) })) };
  }));
}

/** "Resend": a new delivery of the same event (same event id) to the same endpoint, due now. */
export async function resendDelivery(db: Db, input: { merchantId: string; deliveryId: string }) {
  const [d] = await db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.id, input.deliveryId), eq(webhookDeliveries.merchantId, input.merchantId)));
  if (!d) throw new AppError("not_found", "This delivery does not exist.");
  const now = new Date();
  const [row] = await db.insert(webhookDeliveries).values({ eventId: d.eventId, endpointId: d.endpointId, merchantId: d.merchantId, nextAttemptAt: now, giveUpAt: new Date(now.getTime() + deliveryWindowMs) }).returning({ id: webhookDeliveries.id, eventId: webhookDeliveries.eventId });
  return row!;
}
