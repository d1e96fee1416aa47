"use client";

import { clsx } from "clsx";
import type { ReactNode } from "react";
import { useFormContext } from "react-hook-form";
import { FieldFeedbackFor } from "@/components/review/merchant-feedback";
import { FieldError, describedBy } from "@/components/ui/field";
import { useField } from "./use-field";

/** A radio group in a fieldset with its legend; options may carry a description. */
export function ChoiceField({ name, options, legend, hint }: { name: string; options: { value: string; label: ReactNode; description?: ReactNode; disabled?: boolean }[]; legend?: ReactNode; hint?: ReactNode }) {
  const { register } = useFormContext();
  const { id, label: fieldLabel, error } = useField(name);
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={describedBy(id, { hint, error })} aria-invalid={!!error}>
      <legend className="mb-1 text-sm font-medium text-slate-800">{legend ?? fieldLabel}</legend>
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
      <FieldError id={id} error={error} />
    </fieldset>
  );
}
