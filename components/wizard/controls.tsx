"use client";

import { clsx } from "clsx";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Controller, get, useFormContext, useFormState } from "react-hook-form";
import { PhotoField } from "@/components/media/photo-field";
import { FieldFeedbackFor } from "@/components/review/merchant-feedback";
import type { PicFile } from "@/lib/media/types";
import { Button } from "@/components/ui/button";
import { Field, Input, describedBy, inputClass } from "@/components/ui/field";
import { LONG_TERM } from "@/lib/qualification/constants";

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

export function TextField({ name, hint, type = "text", autoComplete, inputMode, after, label }: { name: string; hint?: ReactNode; type?: string; autoComplete?: string; inputMode?: "text" | "numeric" | "email" | "tel"; after?: ReactNode; label?: ReactNode }) {
  const { register } = useFormContext();
  const labelOf = useFieldLabel();
  const error = useFieldError(name);
  const id = fieldId(name);
  return (
    <Field id={id} label={label ?? labelOf(name)} hint={hint} error={error}>
      <Input id={id} type={type} autoComplete={autoComplete ?? "off"} inputMode={inputMode} aria-invalid={!!error} aria-describedby={describedBy(id, { hint, error })} {...register(name)} />
      {after}
      <FieldFeedbackFor name={name} />
    </Field>
  );
}

export function TextAreaField({ name, hint }: { name: string; hint?: ReactNode }) {
  const { register } = useFormContext();
  const labelOf = useFieldLabel();
  const error = useFieldError(name);
  const id = fieldId(name);
  return (
    <Field id={id} label={labelOf(name)} hint={hint} error={error}>
      <textarea id={id} rows={4} className={inputClass} aria-invalid={!!error} aria-describedby={describedBy(id, { hint, error })} {...register(name)} />
      <FieldFeedbackFor name={name} />
    </Field>
  );
}

export function SelectField({ name, options, hint, label, onValueChange }: { name: string; options: { value: string; label: string }[]; hint?: ReactNode; label?: ReactNode; onValueChange?: (value: string) => void }) {
  const { register } = useFormContext();
  const t = useTranslations("wizard.picker");
  const labelOf = useFieldLabel();
  const error = useFieldError(name);
  const id = fieldId(name);
  const registered = register(name, { onChange: (e: { target: { value: string } }) => onValueChange?.(e.target.value) });
  return (
    <Field id={id} label={label ?? labelOf(name)} hint={hint} error={error}>
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

/** A radio group in a fieldset with its legend; options may carry a description. */
export function ChoiceField({ name, options, legend, hint }: { name: string; options: { value: string; label: ReactNode; description?: ReactNode; disabled?: boolean }[]; legend?: ReactNode; hint?: ReactNode }) {
  const { register } = useFormContext();
  const labelOf = useFieldLabel();
  const error = useFieldError(name);
  const id = fieldId(name);
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={describedBy(id, { hint, error })} aria-invalid={!!error}>
      <legend className="mb-1 text-sm font-medium text-slate-800">{legend ?? labelOf(name)}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <div className="flex flex-col gap-2">
        {options.map((o) => (
          <label key={o.value} className={clsx("flex cursor-pointer items-start gap-3 rounded-md border px-3 py-2 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50", o.disabled ? "cursor-not-allowed opacity-60" : "border-slate-300")}>
            <input type="radio" value={o.value} disabled={o.disabled} className="mt-1 size-4 accent-brand-700" {...register(name)} />
            <span className="flex flex-col">
              <span className="text-sm font-medium text-slate-900">{o.label}</span>
              {o.description ? <span className="text-xs text-slate-600">{o.description}</span> : null}
            </span>
          </label>
        ))}
      </div>
      <FieldFeedbackFor name={name} />
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/**
 * A yyyy-MM-dd date; with `longTerm`, a 长期 checkbox that stands for "does not expire". A date is
 * picked whole, so it is checked at once (with its end date, if `pairedEnd` names one).
 */
export function DateField({ name, longTerm, pairedEnd }: { name: string; longTerm?: boolean; pairedEnd?: string }) {
  const { control, trigger, getValues } = useFormContext();
  const t = useTranslations("wizard");
  const labelOf = useFieldLabel();
  const error = useFieldError(name);
  const id = fieldId(name);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => {
        const isLongTerm = field.value === LONG_TERM;
        const change = (value: string) => {
          field.onChange(value);
          void trigger(pairedEnd && getValues(pairedEnd) ? [name, pairedEnd] : name);
        };
        return (
          <Field id={id} label={labelOf(name)} error={error}>
            <div className="flex flex-wrap items-center gap-3">
              <Input
                id={id}
                type="date"
                className="max-w-48"
                value={isLongTerm ? "" : (field.value ?? "")}
                disabled={isLongTerm}
                aria-invalid={!!error}
                aria-describedby={describedBy(id, { error })}
                onChange={(e) => change(e.target.value)}
                onBlur={field.onBlur}
                ref={field.ref}
              />
              {longTerm ? (
                <label className="flex items-center gap-2 text-sm text-slate-800">
                  <input type="checkbox" className="size-4 accent-brand-700" checked={isLongTerm} onChange={(e) => change(e.target.checked ? LONG_TERM : "")} />
                  {t("picker.longTerm")}
                </label>
              ) : null}
            </div>
            <FieldFeedbackFor name={name} />
          </Field>
        );
      }}
    />
  );
}

export function PhotoInput({ name, hint }: { name: string; hint?: ReactNode }) {
  const { control, trigger } = useFormContext();
  const labelOf = useFieldLabel();
  const t = useTranslations("wizard.hints");
  const error = useFieldError(name);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <>
        <PhotoField
          id={fieldId(name)}
          label={labelOf(name)}
          hint={hint ?? t("photoHint")}
          error={error}
          value={(field.value as PicFile | null | undefined) ?? null}
          onChange={(value) => {
            field.onChange(value ?? undefined);
            void trigger(name);
          }}
        />
        <FieldFeedbackFor name={name} />
        </>
      )}
    />
  );
}

/** Up to `max` photos stored as an array of PicFile at `name`. */
export function PhotoListInput({ name, max, label }: { name: string; max: number; label?: string }) {
  const { control, trigger } = useFormContext();
  const labelOf = useFieldLabel();
  const t = useTranslations("wizard");
  const error = useFieldError(name);
  const id = fieldId(name);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => {
        const list = ((field.value as (PicFile | null)[] | undefined) ?? []).filter(Boolean) as PicFile[];
        const set = (next: PicFile[]) => {
          field.onChange(next);
          void trigger(name);
        };
        const slots = list.length < max ? [...list, null] : list;
        return (
          <fieldset className="flex flex-col gap-3" aria-describedby={error ? `${id}-error` : undefined}>
            <legend className="mb-1 text-sm font-medium text-slate-800">{label ?? labelOf(name)}</legend>
            {slots.map((pic, index) => (
              <PhotoField
                key={pic ? pic.media_id : `new-${index}`}
                id={`${id}-${index}`}
                label={pic ? t("picker.photoN", { n: index + 1 }) : t("picker.addPhoto")}
                value={pic}
                onChange={(value) => set(value ? (pic ? list.map((p, i) => (i === index ? value : p)) : [...list, value]) : list.filter((_, i) => i !== index))}
              />
            ))}
            <FieldFeedbackFor name={name} />
            {error ? (
              <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
                {error}
              </p>
            ) : null}
          </fieldset>
        );
      }}
    />
  );
}

/** A card of fields; the step's first card has no title of its own (the step heading names it). */
export function Section({ title, children, description }: { title?: ReactNode; children: ReactNode; description?: ReactNode }) {
  return (
    <section className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      {title || description ? (
        <div>
          {title ? <h3 className="text-base font-semibold text-slate-900">{title}</h3> : null}
          {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
        </div>
      ) : null}
      {children}
    </section>
  );
}

export { Button };
