"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { provinceOf, regions } from "@/lib/qualification/regions";
import { fieldId } from "./use-field";

/**
 * The bank's city as a six-digit region code at `name`, picked as province then city. A
 * municipality (Beijing, 110000) is its own city. Used by the wizard and the settlement form.
 */
export function RegionPicker({ name, error, legend, cityLabel }: { name: string; error?: string; legend?: ReactNode; cityLabel?: ReactNode }) {
  const t = useTranslations("wizard.picker");
  const { setValue, trigger, register } = useFormContext();
  const code = useWatch({ name }) as string | undefined;
  const [province, setProvince] = useState(() => (code ? (provinceOf(code) ?? "") : ""));
  const id = fieldId(name);
  const provinceRow = regions.find(([c]) => c === province);
  const cities = provinceRow?.[2] ?? [];
  const cityOptions = provinceRow && cities.length === 0 ? [[province, provinceRow[1]] as const] : cities;
  return (
    <fieldset className="flex flex-col gap-2 sm:col-span-2">
      {legend ? <legend className="mb-1 text-sm font-medium text-slate-800">{legend}</legend> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${id}-province`} label={t("province")}>
          <select
            id={`${id}-province`}
            className={inputClass}
            value={province}
            onChange={(e) => {
              const next = e.target.value;
              setProvince(next);
              const row = regions.find(([c]) => c === next);
              setValue(name, row && row[2].length === 0 ? next : "", { shouldDirty: true });
              void trigger(name);
            }}
          >
            <option value="">{t("choose")}</option>
            {regions.map(([c, n]) => (
              <option key={c} value={c}>
                {n}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id} label={cityLabel ?? t("city")} error={error}>
          <select id={id} className={inputClass} aria-invalid={!!error} aria-describedby={describedBy(id, { error })} disabled={!province} {...register(name)}>
            <option value="">{t("choose")}</option>
            {cityOptions.map(([c, n]) => (
              <option key={c} value={c}>
                {n}
              </option>
            ))}
          </select>
        </Field>
      </div>
    </fieldset>
  );
}
