"use server";

import { revalidatePath } from "next/cache";
import { ZodError } from "zod";
import { requireSupportActor } from "@/lib/auth/guard";
import { dataKeyRing } from "@/lib/crypto/keys";
import { isAppError } from "@/lib/errors";
import type { ReviewActionResult } from "@/lib/review/action-result";
import { getApplicationStatus } from "@/lib/review/application-status";
import { approveApplication } from "@/lib/review/approve";
import { addFieldComment, deleteFieldComment } from "@/lib/review/comment";
import { requestChanges } from "@/lib/review/request-changes";
import { revealField } from "@/lib/review/reveal";
import { logger } from "@/lib/server/logger";
import { getDb } from "@/lib/server/db";

type Input = Record<string, unknown> & { applicationId: string };

async function failure(error: unknown, applicationId: string): Promise<ReviewActionResult> {
  if (isAppError(error)) {
    if (error.code === "conflict") return { ok: false, error: "conflict", status: await getApplicationStatus(await getDb(), { applicationId }) };
    if (error.code === "forbidden" || error.code === "unauthenticated") return { ok: false, error: "forbidden" };
    if (error.code === "not_found") return { ok: false, error: "notFound" };
    if (error.fields) return { ok: false, error: "invalid", fields: error.fields };
    return { ok: false, error: "failed" };
  }
  if (error instanceof ZodError) {
    const fields = Object.fromEntries(error.issues.map((i) => [i.path.join("."), i.message.startsWith("review.") ? i.message : "review.errors.failed"]));
    return { ok: false, error: "invalid", fields };
  }
  logger.error("review.action_failed", { error: String(error) });
  return { ok: false, error: "failed" };
}

async function act(raw: Input, run: (actor: { id: string; role: "support" }) => Promise<string | void>, revalidate = true): Promise<ReviewActionResult> {
  // Whatever a caller posts arrives here; a missing argument must fail validation, not crash.
  const input = (raw && typeof raw === "object" ? raw : {}) as Input;
  let value: string | void;
  try {
    const actor = await requireSupportActor();
    value = await run(actor);
  } catch (error) {
    const result = await failure(error, String(input.applicationId));
    // A lost race shows the page as it is now.
    if (!result.ok && result.error === "conflict") revalidatePath(`/support/review/${input.applicationId}`);
    return result;
  }
  if (revalidate) revalidatePath(`/support/review/${input.applicationId}`);
  return value === undefined ? { ok: true } : { ok: true, value };
}

export async function commentAction(input: Input): Promise<ReviewActionResult> {
  return act(input, async (actor) => void (await addFieldComment(await getDb(), dataKeyRing(), actor, input)));
}

export async function deleteCommentAction(input: Input): Promise<ReviewActionResult> {
  return act(input, async (actor) => deleteFieldComment(await getDb(), actor, input));
}

export async function requestChangesAction(input: Input): Promise<ReviewActionResult> {
  return act(input, async (actor) => void (await requestChanges(await getDb(), actor, input)));
}

export async function approveAction(input: Input): Promise<ReviewActionResult> {
  return act(input, async (actor) => void (await approveApplication(await getDb(), actor, input)));
}

export async function revealAction(input: Input): Promise<ReviewActionResult> {
  return act(input, async (actor) => (await revealField(await getDb(), dataKeyRing(), actor, input)).value, false);
}
