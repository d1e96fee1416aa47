import "server-only";
import { AppError } from "@/lib/errors";
import { authenticateApiKey, type ApiCaller } from "@/lib/payments/api-keys";
import { getDb } from "@/lib/runtime/db";
import { observeHttp } from "@/lib/runtime/metrics";
import { errorResponse } from "./route";

/**
 * Wraps a route of the merchant API (`/api/v1/…`): the caller is the merchant its API key belongs
 * to (cookies play no part, so cross-site checks do not apply), limited per key; errors answer
 * `{error: {code, message, fields?}}` like every other route.
 */
export function apiRoute<C>(handler: (request: Request, caller: ApiCaller, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    const started = performance.now();
    let response: Response;
    try {
      const caller = await authenticateApiKey(await getDb(), request.headers.get("authorization"));
      response = await handler(request, caller, context);
    } catch (error) {
      response = errorResponse(error, request);
      if (error instanceof AppError && error.code === "rate_limited") response.headers.set("retry-after", "60");
      if (error instanceof AppError && error.code === "unauthenticated") response.headers.set("www-authenticate", 'Bearer realm="api"');
    }
    observeHttp(request, response.status, started);
    return response;
  };
}

/** A JSON body of at most `maxBytes`, or a 400/413 that says why. */
export async function readJsonBody(request: Request, maxBytes = 16 * 1024): Promise<unknown> {
  const text = await request.text();
  if (text.length > maxBytes) throw new AppError("payload_too_large", `The body is larger than ${maxBytes} bytes.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
}
