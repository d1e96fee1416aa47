import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { signedHeaders } from "../signature";
import { sandboxKeyPair } from "./keys";
import { providerTime } from "./provider-handler";

export type SandboxNotification = { notify_type: string; order_id: string; merchant_order_id: string };

export const notifyTypeFor = { PENDING: "payment_pending", SUCCEEDED: "payment_success", CANCELLED: "payment_cancelled" } as const;

/** The body and signed headers of one notification, as the provider would send it. */
export async function signNotification(db: Db, notification: SandboxNotification, now = Date.now(), id: string = randomUUID()) {
  const keys = await sandboxKeyPair(db);
  const body = JSON.stringify({
    id,
    create_time: providerTime(new Date(now)),
    notify_type: notification.notify_type,
    data: { order_id: notification.order_id, merchant_order_id: notification.merchant_order_id },
  });
  return { body, headers: { "content-type": "application/json", ...signedHeaders(keys.privateKey, keys.serial, body, now) } };
}

/** Sends one signed notification; a non-2xx answer is retried (three tries, short backoff). */
export async function deliverNotification(db: Db, url: string, notification: SandboxNotification): Promise<number> {
  // A redelivery is the same notification (same id), signed afresh, as WeChat Pay does.
  const id = randomUUID();
  let status = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    const { body, headers } = await signNotification(db, notification, Date.now(), id);
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
