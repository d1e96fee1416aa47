"use client";

import { useTranslations } from "next-intl";
import type { ActionFailure } from "@/lib/server/action-result";

type Say = (key: string, values?: Record<string, string | number>) => string;

/** The sentence for a failed action, in the user's language: one map from reason to message. */
export function useFailureMessage() {
  const t = useTranslations("errors");
  // Reasons are checked against the message files by tests/unit/action-result.test.ts; `has` guards a stale client.
  const say = t as unknown as Say;
  return (failure: ActionFailure): string => (t.has(failure.reason as never) ? say(failure.reason, failure.values) : say("failed"));
}

/**
 * A field's message key in the user's language: looked up under `namespace` first (the keys a
 * feature's services name, `password.common`), then from the root (`review.errors.needsComment`).
 * A key no message file has (a stale client, a raw validator message) reads as "needs attention".
 */
export function useFieldMessage(namespace?: string) {
  const t = useTranslations();
  const say = t as unknown as Say;
  return (key: string): string => {
    for (const candidate of namespace ? [`${namespace}.${key}`, key] : [key]) if (t.has(candidate as never)) return say(candidate);
    return say("errors.invalid");
  };
}

/** One sentence for a failure shown in one place: its field messages when it names fields, its reason's sentence otherwise. */
export function useActionMessage(namespace?: string) {
  const failureMessage = useFailureMessage();
  const fieldMessage = useFieldMessage(namespace);
  return (failure: ActionFailure): string => {
    const fields = Object.values(failure.fields ?? {});
    return fields.length ? [...new Set(fields.map(fieldMessage))].join(" ") : failureMessage(failure);
  };
}
