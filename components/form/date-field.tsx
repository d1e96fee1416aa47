"use client";

import { useTranslations } from "next-intl";
import { useFormContext } from "react-hook-form";
import { ControlledField } from "./controlled-field";
import { FieldFeedbackFor } from "@/components/review/merchant-feedback";
import { Field, Input, describedBy } from "@/components/ui/field";
import { LONG_TERM } from "@/lib/qualification/constants";

/**
 * A yyyy-MM-dd date; with `longTerm`, a 长期 checkbox that stands for "does not expire". A date is
 * picked whole, so it is checked at once (with its end date, if `pairedEnd` names one).
 */
export function DateField({ name, longTerm, pairedEnd }: { name: string; longTerm?: boolean; pairedEnd?: string }) {
  const { trigger, getValues } = useFormContext();
  const t = useTranslations("wizard");
  return (
    <ControlledField
      name={name}
      render={({ field, meta: { id, label: fieldLabel, error, optional } }) => {
        const isLongTerm = field.value === LONG_TERM;
        const change = (value: string) => {
          field.onChange(value);
          void trigger(pairedEnd && getValues(pairedEnd) ? [name, pairedEnd] : name);
        };
        return (
          <Field id={id} label={fieldLabel} error={error} optional={optional}>
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
