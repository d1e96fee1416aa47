import "server-only";
import { z } from "zod";
import type { UserRole } from "@/db/schema";
import { requireActor, requireSignedInActor, type MerchantActor, type SessionUser, type SupportActor } from "@/lib/auth/guard";
import { staffRoles } from "@/lib/auth/roles";
import { AppError, fieldErrors, isAppError } from "@/lib/errors";
import type { Db } from "@/db/client";
import { getDb } from "@/lib/runtime/db";
import { logger } from "@/lib/runtime/logger";
import type { ActionFailure, ActionResult, FormAnswer } from "./action-result";

export type { ActionFailure, ActionResult, FormAnswer };

/** The fields a form posts as one object, for actions whose service validates them itself; anything else posted is an empty form. */
export const formFields = z.record(z.string(), z.unknown()).catch({});

/** Which roles may call an action; the default is the roles that change the area's data. */
export type ActionOptions = { roles?: readonly UserRole[] };

// Schemas in zod or zod/mini (the ones the browser shares) both parse here.
type Handler<S extends z.core.$ZodType, A, T> = (input: z.output<S>, context: { actor: A; db: Db }) => Promise<T>;

/** Any thrown error as the action's failure: AppErrors keep their reason, zod errors become field messages. */
export function failureOf(error: unknown, action: string): ActionFailure {
  if (isAppError(error)) return { ok: false, reason: error.reason, ...(error.fields ? { fields: error.fields } : {}), ...(error.values ? { values: error.values } : {}) };
  if (error && typeof error === "object" && "issues" in error && Array.isArray(error.issues)) return { ok: false, reason: "invalid", fields: fieldErrors(error as { issues: [] }) };
  // Next's control-flow errors (redirect, notFound) must keep propagating.
  if (error && typeof error === "object" && "digest" in error) throw error;
  logger.error("action.unhandled", { action, error: error instanceof Error ? error.message : String(error) });
  return { ok: false, reason: "failed" };
}

function defineAction<S extends z.core.$ZodType, A, T>(name: string, schema: S, resolveActor: () => Promise<A>, fn: Handler<S, A, T>) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    try {
      // The actor first: a caller who may not act learns nothing about the input rules.
      const actor = await resolveActor();
      const input = z.parse(schema, raw);
      return { ok: true, data: await fn(input, { actor, db: await getDb() }) };
    } catch (error) {
      return failureOf(error, name);
    }
  };
}

/**
 * A server action of a merchant's people: the signed-in user must hold one of `roles` and belong to
 * a merchant; `actor.merchantId` is the tenant every query of the handler names.
 */
export function merchantAction<S extends z.core.$ZodType, T>(schema: S, fn: Handler<S, MerchantActor, T>, options: ActionOptions = {}) {
  // Viewers only read: an action changes data unless it names them.
  const roles = options.roles ?? ["owner", "admin"];
  return defineAction(fn.name || "merchantAction", schema, async () => {
    const user = await requireActor(...roles);
    if (!user.merchantId || !user.merchantName) throw new AppError("forbidden", "Your account is not linked to a merchant.");
    return user as MerchantActor;
  }, fn);
}

/** A server action of the platform's staff. */
export function supportAction<S extends z.core.$ZodType, T>(schema: S, fn: Handler<S, SupportActor, T>, options: ActionOptions = {}) {
  const roles = options.roles ?? staffRoles;
  return defineAction(fn.name || "supportAction", schema, async () => (await requireActor(...roles)) as SupportActor, fn);
}

/** A person acting on their own account: any signed-in user, staff before two-factor enrolment included. */
export function accountAction<S extends z.core.$ZodType, T>(schema: S, fn: Handler<S, SessionUser, T>) {
  return defineAction(fn.name || "accountAction", schema, requireSignedInActor, fn);
}

/** An action open to signed-out visitors: the token in a link, or the mailbox, is the proof. */
export function publicAction<S extends z.core.$ZodType, T>(schema: S, fn: Handler<S, null, T>) {
  return defineAction(fn.name || "publicAction", schema, async () => null, fn);
}
