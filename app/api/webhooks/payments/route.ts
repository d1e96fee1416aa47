import { after } from "next/server";
import { appProvider, processNotificationsNow } from "@/lib/payments/app-provider";
import { paymentWebhookHandler } from "@/lib/payments/webhook";
import { getDb } from "@/lib/server/db";

// Signed by the provider, not a session: the handler verifies the signature itself.
const handler = paymentWebhookHandler({
  db: getDb,
  provider: appProvider,
  onRecorded: (db, id) => after(() => processNotificationsNow(db, id)),
});

export async function POST(request: Request) {
  return handler(request);
}
