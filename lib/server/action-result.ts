import type { Reason, ReasonValues } from "@/lib/errors";

/** The one answer of every server action; a failure names its reason, and fields for a form. */
export type ActionFailure = { ok: false; reason: Reason; fields?: Record<string, string>; values?: ReasonValues };
export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

/** What a form's action answers on success: a sentence in the user's language to show, or where to go next. */
export type FormAnswer = { message?: string; redirect?: string };
