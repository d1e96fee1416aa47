"use client";

import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney } from "@/lib/money/format";
import type { DailyVolume } from "@/lib/payments/summary";
import { currencyExponent, isCurrency } from "@/lib/money/money";

/** Daily succeeded volume over 30 days, one currency at a time. */
export function VolumeChart({ days, daily }: { days: string[]; daily: DailyVolume[] }) {
  const t = useTranslations("payments");
  const locale = useLocale();
  const currencies = useMemo(() => [...new Set(daily.map((d) => d.currency))].sort((a, b) => (a === "CNY" ? -1 : b === "CNY" ? 1 : a.localeCompare(b))), [daily]);
  const [currency, setCurrency] = useState<string | undefined>(undefined);
  const shown = currency ?? currencies[0] ?? "CNY";
  const scale = 10 ** (isCurrency(shown) ? currencyExponent[shown] : 2);
  const data = days.map((day) => {
    const entry = daily.find((d) => d.day === day && d.currency === shown);
    // For plotting only; labels are formatted from the exact minor units.
    return { day: day.slice(5), minor: entry?.amountMinor ?? 0, value: (entry?.amountMinor ?? 0) / scale };
  });
  return (
    <section aria-labelledby="chart-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="chart-title" className="text-sm font-medium text-slate-600">{t("chart.title")}</h2>
        {currencies.length > 1 ? (
          <label className="flex items-center gap-2 text-sm">
            {t("chart.currency")}
            <select className="rounded-md border border-slate-300 px-2 py-1" value={shown} onChange={(e) => setCurrency(e.target.value)}>
              {currencies.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </label>
        ) : null}
      </div>
      <div className="mt-3 h-56" role="img" aria-label={t("chart.label", { currency: shown })}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
            <YAxis tick={{ fontSize: 11 }} width={56} />
            <Tooltip formatter={(_value, _name, item) => formatMoney((item.payload as { minor: number }).minor, shown, locale)} />
            <Bar dataKey="value" name={t("summary.volume")} fill="#067a3c" radius={[3, 3, 0, 0]} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
