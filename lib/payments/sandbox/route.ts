import "server-only";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/server/db";
import { sandboxProviderHandler } from "./provider-handler";

const handler = sandboxProviderHandler(getDb);

/** The sandbox provider's route handler; absent (404) when a real provider is configured. */
export async function sandboxProviderRoute(request: Request): Promise<Response> {
  if (!getConfig().payments.sandbox) return Response.json({ code: 404000, message: "sandbox is off" }, { status: 404 });
  return handler(request);
}
