import { appProvider, kickNotificationProcessing } from "@/lib/payments/app-provider";
import { paymentWebhookHandler } from "@/lib/payments/webhook";
import { apiContentSecurityPolicy } from "@/lib/security/headers";
import { getDb } from "@/lib/runtime/db";

// Signed by the provider, not a session: the handler verifies the signature itself. proxy.ts skips
// this path (nothing there applies to it), so its security headers are set here.
const handler = paymentWebhookHandler({
  db: getDb,
  provider: appProvider,
  onRecorded: (db) => kickNotificationProcessing(db),
});

export async function POST(request: Request) {
  const response = await handler(request);
  response.headers.set("Content-Security-Policy", apiContentSecurityPolicy);
  // no-transform: Next's response compression leaves the answer alone (a few bytes of JSON gain nothing).
  response.headers.set("Cache-Control", "no-store, no-transform");
  return response;
}
