import { getLocale, getTranslations } from "next-intl/server";
import { formatMoney, formatPercent } from "@/lib/money/format";
import type { PaymentSummary } from "@/lib/payments/summary";

/** Today's and this month's succeeded volume, payment count and success rate. */
export async function SummaryTiles({ summary }: { summary: PaymentSummary }) {
  const t = await getTranslations("payments");
  const locale = await getLocale();
  const tiles = [
    { key: "today", period: summary.today },
    { key: "month", period: summary.month },
  ] as const;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {tiles.map(({ key, period }) => (
        <section key={key} aria-labelledby={`tile-${key}`} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`tile-${key}`}>
          <h2 id={`tile-${key}`} className="text-sm font-medium text-slate-600">{t(`summary.${key}`)}</h2>
          <dl className="mt-2 grid grid-cols-3 gap-2">
            <div className="col-span-3 sm:col-span-1">
              <dt className="text-xs text-slate-600">{t("summary.volume")}</dt>
              <dd className="text-lg font-semibold">
                {period.volume.length ? period.volume.map((v) => <span key={v.currency} className="block">{formatMoney(v.amountMinor, v.currency, locale)}</span>) : "—"}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-600">{t("summary.count")}</dt>
              <dd className="text-lg font-semibold">{period.count}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-600">{t("summary.successRate")}</dt>
              <dd className="text-lg font-semibold">{period.successRate === null ? "—" : formatPercent(period.successRate, locale)}</dd>
            </div>
          </dl>
        </section>
      ))}
    </div>
  );
}
