import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from "@/db/schema";
import { openString, type KeyRing } from "@/lib/crypto/at-rest";
import { logger } from "@/lib/runtime/logger";
import { signWebhook, webhookSignatureHeader } from "./signature";
import { guardedLookup, isDevLocalhost, parseEndpointUrl } from "./url-guard";

const timeoutMs = 10_000;
const excerptChars = 500;

/** Exponential backoff: 30 s, 1 min, 2 min … capped at 2 h, until the delivery's 24 h are over. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(attempts - 1, 0), 2 * 3_600_000);
}

export type SendResult = { httpStatus: number | null; latencyMs: number; excerpt: string | null; error: string | null };

/**
 * One POST, connected only to an address the guard accepts; redirects are not followed (a 3xx is
 * a failed attempt), the answer is read up to a short excerpt.
 */
export function sendWebhook(urlText: string, body: string, headers: Record<string, string>, allowHttpLocalhost: boolean): Promise<SendResult> {
  const started = performance.now();
  const done = (r: Omit<SendResult, "latencyMs">): SendResult => ({ ...r, latencyMs: Math.round(performance.now() - started) });
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = parseEndpointUrl(urlText, allowHttpLocalhost);
    } catch (error) {
      return resolve(done({ httpStatus: null, excerpt: null, error: (error as Error).message }));
    }
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "wxpay-console-webhooks/1", "content-length": Buffer.byteLength(body).toString(), ...headers },
      lookup: guardedLookup(isDevLocalhost(url, allowHttpLocalhost)),
      timeout: timeoutMs,
    }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        if (text.length < excerptChars) text += chunk;
        else response.destroy();
      });
      const finish = () => resolve(done({ httpStatus: response.statusCode ?? null, excerpt: text.slice(0, excerptChars), error: null }));
      response.on("end", finish);
      response.on("close", finish);
    });
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", (error: NodeJS.ErrnoException) => resolve(done({ httpStatus: null, excerpt: null, error: error.code === "EADDRBLOCKED" ? "refused: private or loopback address" : error.message })));
    request.end(body);
  });
}

type Claimed = { id: string; event_id: string; endpoint_id: string; attempts: number; give_up_at: string | Date };

/**
 * Claims due deliveries (SKIP LOCKED), sends each signed, records the attempt, and schedules the
 * next one or closes the delivery. Every delivery of an event carries the event's id.
 */
export async function deliverDueWebhooks(db: Db, ring: KeyRing, options: { allowHttpLocalhost: boolean; limit?: number; onlyEventId?: string; now?: () => Date }) {
  const now = options.now ?? (() => new Date());
  const only = options.onlyEventId ? sql`and event_id = ${options.onlyEventId}` : sql``;
  const claimed = await queryRows<Claimed>(db, sql`
    update webhook_deliveries set attempts = attempts + 1, next_attempt_at = ${new Date(now().getTime() + 120_000).toISOString()}::timestamptz
    where id in (
      select id from webhook_deliveries
      where status = 'pending' and next_attempt_at <= ${now().toISOString()}::timestamptz ${only}
      order by next_attempt_at limit ${options.limit ?? 20}
      for update skip locked
    )
    returning id, event_id, endpoint_id, attempts, give_up_at`);
  let succeeded = 0;
  for (const d of claimed) {
    const [event] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, d.event_id));
    const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, d.endpoint_id));
    if (!event || !endpoint || endpoint.deletedAt) {
      await db.update(webhookDeliveries).set({ status: "failed", nextAttemptAt: null }).where(eq(webhookDeliveries.id, d.id));
      continue;
    }
    const body = JSON.stringify(event.payload);
    const timestamp = Math.floor(now().getTime() / 1000);
    const result = await sendWebhook(endpoint.url, body, { [webhookSignatureHeader]: signWebhook(openString(ring, endpoint.secretSealed), body, timestamp), "console-event-id": event.id }, options.allowHttpLocalhost);
    const ok = result.httpStatus !== null && result.httpStatus >= 200 && result.httpStatus < 300;
    const next = new Date(now().getTime() + retryDelayMs(d.attempts));
    const giveUp = !ok && next.getTime() > new Date(d.give_up_at).getTime();
    await db.insert(webhookAttempts).values({ deliveryId: d.id, merchantId: endpoint.merchantId, httpStatus: result.httpStatus, latencyMs: result.latencyMs, excerpt: result.excerpt, error: result.error });
    await db
      .update(webhookDeliveries)
      .set(ok ? { status: "succeeded", nextAttemptAt: null } : giveUp ? { status: "failed", nextAttemptAt: null } : { nextAttemptAt: next })
      .where(and(eq(webhookDeliveries.id, d.id), eq(webhookDeliveries.status, "pending")));
    if (ok) succeeded++;
    else logger.info("webhooks.delivery_failed", { deliveryId: d.id, status: result.httpStatus, error: result.error, giveUp });
  }
  return { attempted: claimed.length, succeeded };
}
