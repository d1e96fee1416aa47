"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useFormContext } from "react-hook-form";
import { FieldFeedbackFor } from "@/components/review/merchant-feedback";
import { Field, Input, describedBy, inputClass } from "@/components/ui/field";
import { useField } from "./use-field";

export function TextField({ name, hint, type = "text", autoComplete, inputMode, after, label }: { name: string; hint?: ReactNode; type?: string; autoComplete?: string; inputMode?: "text" | "numeric" | "email" | "tel"; after?: ReactNode; label?: ReactNode }) {
  const { register } = useFormContext();
  const { id, label: fieldLabel, error, optional } = useField(name);
  return (
    <Field id={id} label={label ?? fieldLabel} hint={hint} error={error} optional={optional}>
      <Input id={id} type={type} autoComplete={autoComplete ?? "off"} inputMode={inputMode} aria-invalid={!!error} aria-describedby={describedBy(id, { hint, error })} {...register(name)} />
      {after}
      <FieldFeedbackFor name={name} />
    </Field>
  );
}

export function TextAreaField({ name, hint }: { name: string; hint?: ReactNode }) {
  const { register } = useFormContext();
  const { id, label: fieldLabel, error, optional } = useField(name);
  return (
    <Field id={id} label={fieldLabel} hint={hint} error={error} optional={optional}>
      <textarea id={id} rows={4} className={inputClass} aria-invalid={!!error} aria-describedby={describedBy(id, { hint, error })} {...register(name)} />
      <FieldFeedbackFor name={name} />
    </Field>
  );
}

export function SelectField({ name, options, hint, label, onValueChange }: { name: string; options: { value: string; label: string }[]; hint?: ReactNode; label?: ReactNode; onValueChange?: (value: string) => void }) {
  const { register } = useFormContext();
  const t = useTranslations("wizard.picker");
  const { id, label: fieldLabel, error, optional } = useField(name);
  const registered = register(name, { onChange: (e: { target: { value: string } }) => onValueChange?.(e.target.value) });
  return (
    <Field id={id} label={label ?? fieldLabel} hint={hint} error={error} optional={optional}>
      <select id={id} className={inputClass} aria-invalid={!!error} aria-describedby={describedBy(id, { hint, error })} {...registered}>
        <option value="">{t("choose")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldFeedbackFor name={name} />
    </Field>
  );
}
