import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sandboxPayments } from "@/db/schema";
import type { KeyRing } from "@/lib/crypto/at-rest";
import { signedHeaders } from "../signature";
import { sandboxKeyPair } from "./keys";

export type SandboxNotification = { notify_type: string; order_id: string; merchant_order_id: string };

export const notifyTypeFor = { PENDING: "payment_pending", SUCCEEDED: "payment_success", CANCELLED: "payment_cancelled" } as const;

/** The body (exactly the provider's documented example webhook) and signed headers of one notification. */
export async function signNotification(db: Db, ring: KeyRing, notification: SandboxNotification, now = Date.now()) {
  const keys = await sandboxKeyPair(db, ring);
  const body = JSON.stringify({ notify_type: notification.notify_type, data: { order_id: notification.order_id, merchant_order_id: notification.merchant_order_id } });
  return { body, headers: { "content-type": "application/json", ...signedHeaders(keys.privateKey, keys.serial, body, now) } };
}

/** Sends one signed notification; a non-2xx answer is retried (three tries, short backoff). */
export async function deliverNotification(db: Db, ring: KeyRing, url: string, notification: SandboxNotification): Promise<number> {
  let status = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    // A redelivery is the same notification, signed afresh, as WeChat Pay does.
    const { body, headers } = await signNotification(db, ring, notification);
    try {
      const response = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(5000) });
      status = response.status;
      await response.body?.cancel();
      if (response.ok) return status;
    } catch {
      status = 0;
    }
    await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
  }
  return status;
}

/**
 * The shopper pays (or abandons) in the sandbox: the provider records the outcome and notifies the
 * payment's notify_url, signed (PENDING: still paying, notified as such). `createTime` backdates
 * the order (demo history for charts).
 */
export async function settleSandboxPayment(
  db: Db,
  ring: KeyRing,
  input: { orderId: string; status: "PENDING" | "SUCCEEDED" | "CANCELLED"; createTime?: Date; payTime?: Date },
): Promise<{ notified: number | null }> {
  const payTime = input.status === "SUCCEEDED" ? input.payTime ?? new Date() : null;
  const [row] = await db
    .update(sandboxPayments)
    .set({ status: input.status, payTime, ...(input.createTime ? { createTime: input.createTime } : {}) })
    .where(eq(sandboxPayments.orderId, input.orderId))
    .returning();
  if (!row) throw new Error("No such sandbox payment");
  if (!row.notifyUrl) return { notified: null };
  const notified = await deliverNotification(db, ring, row.notifyUrl, { notify_type: notifyTypeFor[input.status], order_id: row.orderId, merchant_order_id: row.merchantOrderId });
  return { notified };
}
