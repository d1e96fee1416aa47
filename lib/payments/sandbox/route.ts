import "server-only";
import { getConfig } from "@/lib/config";
import { dataKeyRing } from "@/lib/crypto/keys";
import { getDb } from "@/lib/runtime/db";
import { sandboxProviderHandler } from "./provider-handler";

let handler: ((request: Request) => Promise<Response>) | undefined;

/** The sandbox provider's route handler; absent (404) when a real provider is configured. */
export async function sandboxProviderRoute(request: Request): Promise<Response> {
  const config = getConfig();
  if (!config.payments.sandbox) return Response.json({ code: 404000, message: "sandbox is off" }, { status: 404 });
  handler ??= sandboxProviderHandler({ getDb, ring: dataKeyRing, clientId: config.payments.auth.clientId, clientSecret: config.payments.auth.clientSecret, pendingTimeoutMinutes: config.payments.pendingTimeoutMinutes });
  return handler(request);
}
