import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { AppError, fieldErrors, isAppError } from "@/lib/errors";
import { isCrossSiteRequest } from "@/lib/security/same-origin";
import { JsonTooDeepError, parseJsonBounded } from "@/lib/validation/params";
import { logger } from "@/lib/runtime/logger";
import { observeHttp } from "@/lib/runtime/metrics";

export type RouteOptions = {
  /** Only for callers that prove themselves otherwise (signed webhooks): skips the same-origin check. */
  allowCrossSite?: boolean;
};

/**
 * Wraps a route handler: a state-changing request from another site is refused (403), AppErrors
 * become `{error: {code, message, fields?}}` with their status, a ZodError becomes 422 with field
 * messages, anything else a 500 that reveals nothing.
 */
export function routeHandler<C>(handler: (request: Request, context: C) => Promise<Response>, options: RouteOptions = {}) {
  return async (request: Request, context: C): Promise<Response> => {
    const started = performance.now();
    let response: Response;
    try {
      if (!options.allowCrossSite && isCrossSiteRequest(request, [getConfig().authUrl])) {
        throw new AppError("forbidden", "Cross-site requests are not accepted.");
      }
      response = await handler(request, context);
    } catch (error) {
      response = errorResponse(error, request);
    }
    observeHttp(request, response.status, started);
    return response;
  };
}

export function errorResponse(error: unknown, request?: Request): Response {
  if (isAppError(error)) return NextResponse.json(error.toJSON(), { status: error.status });
  // zod/mini schemas (shared with the browser) throw the core error, which full zod's extends.
  if (error instanceof z.core.$ZodError) {
    const appError = new AppError("validation_failed", "Some fields are not valid.", fieldErrors(error));
    return NextResponse.json(appError.toJSON(), { status: 422 });
  }
  // Next's control-flow errors (redirect, forbidden) must keep propagating.
  if (error && typeof error === "object" && "digest" in error) throw error;
  logger.error("route.unhandled", { path: request ? new URL(request.url).pathname : undefined, error: describeError(error) });
  return NextResponse.json(new AppError("internal", "Something went wrong on our side. Try again.").toJSON(), { status: 500 });
}

/** JSON bodies are small (a draft is at most 256 KB): anything bigger is not one of ours. */
const MAX_JSON_BODY_BYTES = 1024 * 1024;

/**
 * A request's JSON body, or null when it is not JSON; a body nested deeper than any of ours or
 * larger than 1 MB is refused with 400/413 naming the body.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text().catch(() => "");
  if (text.length > MAX_JSON_BODY_BYTES) throw new AppError("payload_too_large", "The request body is larger than 1 MB.", { body: "validation.invalid" });
  try {
    return parseJsonBounded(text);
  } catch (error) {
    if (error instanceof JsonTooDeepError) throw new AppError("bad_request", error.message, { body: "validation.invalid" });
    return null;
  }
}

/**
 * What the log keeps of an unexpected error: its kind and database error code. A failed query's
 * message carries the SQL and its parameters (personal data, secrets), so it is never logged.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { kind: typeof error };
  const cause = (error as { cause?: { code?: unknown } }).cause;
  if ("query" in error || "params" in error || /Failed query/i.test(error.message)) {
    return { kind: "query_failed", code: typeof cause?.code === "string" ? cause.code : undefined };
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return { kind: "database", code };
  return { kind: error.name, message: error.message.slice(0, 200) };
}
