"use client";

import { useTranslations } from "next-intl";
import { get, useFormState } from "react-hook-form";
import { useIsOptional } from "./optional-fields";

/** Form field ids are the schema path with dots as dashes: `id_card_info-id_card_name`. */
export const fieldId = (name: string) => name.replace(/\./g, "-");

/** The translated error for a field path (messages are keys such as `validation.mobile`). */
export function useFieldError(name: string): string | undefined {
  const t = useTranslations();
  const { errors } = useFormState({ name });
  const message = (get(errors, name) as { message?: unknown } | undefined)?.message;
  return typeof message === "string" && message ? t(message as never) : undefined;
}

/** The label of a field path from `wizard.fields`. */
export function useFieldLabel() {
  const t = useTranslations("wizard.fields");
  return (name: string) => t(name as never);
}

/** A field's id, label, translated error and its "(optional)" marker when the schema lets it be blank. */
export function useField(name: string) {
  const labelOf = useFieldLabel();
  const t = useTranslations("wizard.picker");
  const optional = useIsOptional(name) ? t("optional") : undefined;
  return { id: fieldId(name), label: labelOf(name), error: useFieldError(name), optional };
}
