"use client";

import { format, startOfMonth, subDays } from "date-fns";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FilterBar } from "@/components/ui/filter-bar";
import { Field, Input, inputClass } from "@/components/ui/field";
import { paymentStatuses } from "@/lib/payments/statuses";
import type { PaymentFilters } from "@/lib/payments/filters";
import { filtersToQuery } from "@/lib/payments/filters-query";
import { currencies } from "@/lib/money/money";

const day = (d: Date) => format(d, "yyyy-MM-dd");

/** Filters live in the URL: submitting navigates, so a filtered view can be bookmarked and shared. */
export function PaymentFiltersForm({ filters }: { filters: PaymentFilters }) {
  const t = useTranslations("payments");
  const router = useRouter();
  const [values, setValues] = useState<PaymentFilters>(filters);
  const set = (key: keyof PaymentFilters) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value || undefined }));

  const apply = (next: PaymentFilters) => router.push(`/payments${filtersToQuery(next)}`);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    apply(values);
  };
  const preset = (from: Date, to: Date) => {
    const next = { ...values, from: day(from), to: day(to) };
    setValues(next);
    apply(next);
  };
  const today = new Date();

  return (
    <FilterBar
      label={t("filters.label")}
      onSubmit={onSubmit}
      apply={t("filters.apply")}
      reset={<Button variant="ghost" onClick={() => { setValues({}); apply({}); }}>{t("filters.reset")}</Button>}
      extra={
        <>
          <span className="text-sm text-slate-600" id="presets-label">{t("filters.presets")}</span>
          <div role="group" aria-labelledby="presets-label" className="flex flex-wrap gap-2">
            <Button variant="secondary" className="min-h-8 px-3 py-1" onClick={() => preset(today, today)}>{t("filters.presetToday")}</Button>
            <Button variant="secondary" className="min-h-8 px-3 py-1" onClick={() => preset(subDays(today, 6), today)}>{t("filters.preset7")}</Button>
            <Button variant="secondary" className="min-h-8 px-3 py-1" onClick={() => preset(subDays(today, 29), today)}>{t("filters.preset30")}</Button>
            <Button variant="secondary" className="min-h-8 px-3 py-1" onClick={() => preset(startOfMonth(today), today)}>{t("filters.presetMonth")}</Button>
          </div>
        </>
      }
    >
      <Field id="filter-q" label={t("filters.search")} hint={t("filters.searchHint")} className="sm:col-span-2">
        <Input id="filter-q" type="search" value={values.q ?? ""} onChange={set("q")} aria-describedby="filter-q-hint" />
      </Field>
      <Field id="filter-status" label={t("filters.status")}>
        <select id="filter-status" className={inputClass} value={values.status ?? ""} onChange={set("status")}>
          <option value="">{t("filters.any")}</option>
          {paymentStatuses.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
        </select>
      </Field>
      <Field id="filter-currency" label={t("filters.currency")}>
        <select id="filter-currency" className={inputClass} value={values.currency ?? ""} onChange={set("currency")}>
          <option value="">{t("filters.any")}</option>
          {currencies.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </Field>
      <Field id="filter-from" label={t("filters.from")}>
        <Input id="filter-from" type="date" value={values.from ?? ""} onChange={set("from")} max={values.to} />
      </Field>
      <Field id="filter-to" label={t("filters.to")}>
        <Input id="filter-to" type="date" value={values.to ?? ""} onChange={set("to")} min={values.from} />
      </Field>
      <Field id="filter-min" label={t("filters.min")}>
        <Input id="filter-min" inputMode="decimal" pattern="\d{1,12}(\.\d{1,2})?" value={values.min ?? ""} onChange={set("min")} />
      </Field>
      <Field id="filter-max" label={t("filters.max")}>
        <Input id="filter-max" inputMode="decimal" pattern="\d{1,12}(\.\d{1,2})?" value={values.max ?? ""} onChange={set("max")} />
      </Field>
    </FilterBar>
  );
}
