import "server-only";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { getConfig } from "@/lib/config";
import { AppError, isAppError } from "@/lib/errors";
import { isCrossSiteRequest } from "@/lib/security/same-origin";
import { logger } from "./logger";

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
    try {
      if (!options.allowCrossSite && isCrossSiteRequest(request, [getConfig().authUrl])) {
        throw new AppError("forbidden", "Cross-site requests are not accepted.");
      }
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}

export function errorResponse(error: unknown, request?: Request): Response {
  if (isAppError(error)) return NextResponse.json(error.toJSON(), { status: error.status });
  if (error instanceof ZodError) {
    const fields = Object.fromEntries(error.issues.map((issue) => [issue.path.join("."), issue.message]));
    const appError = new AppError("validation_failed", "Some fields are not valid.", fields);
    return NextResponse.json(appError.toJSON(), { status: 422 });
  }
  // Next's control-flow errors (redirect, forbidden) must keep propagating.
  if (error && typeof error === "object" && "digest" in error) throw error;
  logger.error("route.unhandled", { path: request ? new URL(request.url).pathname : undefined, error: String(error) });
  return NextResponse.json(new AppError("internal", "Something went wrong on our side. Try again.").toJSON(), { status: 500 });
}
