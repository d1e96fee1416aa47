import type { Db } from "@/db/client";
import { receivePaymentNotification } from "./notifications";
import { metrics } from "@/lib/runtime/metrics";
import type { PaymentProvider } from "./provider";

/** Bodies larger than this are not notifications. */
export const maxNotificationBytes = 64 * 1024;

/**
 * The payment webhook as a plain `(Request) => Promise<Response>`, shared by the route handler and
 * by tests and the benchmark (hosted on node:http). `onRecorded` processes a new notification after
 * the answer has been sent.
 */
export function paymentWebhookHandler(deps: { db: () => Promise<Db>; provider: (db: Db) => PaymentProvider; onRecorded?: (db: Db, notificationId: string) => void }) {
  const count = (outcome: string) => metrics().webhookIngest.inc({ outcome });
  return async (request: Request): Promise<Response> => {
    if (Number(request.headers.get("content-length") ?? 0) > maxNotificationBytes) {
      count("too_large");
      return Response.json({ code: "FAIL", message: "too large" }, { status: 413 });
    }
    const body = await request.text();
    if (body.length > maxNotificationBytes) {
      count("too_large");
      return Response.json({ code: "FAIL", message: "too large" }, { status: 413 });
    }
    const db = await deps.db();
    let answer;
    try {
      answer = await receivePaymentNotification(db, deps.provider(db), { headers: request.headers, body });
    } catch {
      // Not recorded (database unavailable): the provider must send it again.
      count("unavailable");
      return Response.json({ code: "FAIL", message: "try again" }, { status: 503 });
    }
    if (answer.notificationId && !answer.duplicate) deps.onRecorded?.(db, answer.notificationId);
    count(answer.status !== 200 ? "refused" : answer.duplicate ? "duplicate" : "recorded");
    return Response.json(answer.body, { status: answer.status });
  };
}
