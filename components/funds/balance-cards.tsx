import { getLocale, getTranslations } from "next-intl/server";
import type { CurrencyBalance } from "@/lib/funds/balance";
import { formatMoney } from "@/lib/payments/format";

export async function BalanceCards({ balances, feeRateBps }: { balances: CurrencyBalance[]; feeRateBps: number }) {
  const t = await getTranslations("funds");
  const locale = await getLocale();
  const shown = balances.length ? balances : [{ currency: "CNY", available: 0, pending: 0, fees: 0, withdrawn: 0 }];
  return (
    <div className="grid gap-3 md:grid-cols-2">
      {shown.map((b) => (
        <section key={b.currency} aria-label={t("balance.label", { currency: b.currency })} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`balance-${b.currency}`}>
          <dl className="grid grid-cols-2 gap-3">
            <div className="col-span-2">
              <dt className="text-sm text-slate-600">{t("balance.available")}</dt>
              <dd className="text-2xl font-semibold tabular-nums" data-testid="available">{formatMoney(b.available, b.currency, locale)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-600">{t("balance.pending")}</dt>
              <dd className="tabular-nums">{formatMoney(b.pending, b.currency, locale)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-600">{t("balance.fees", { rate: (feeRateBps / 100).toFixed(2) })}</dt>
              <dd className="tabular-nums">{formatMoney(b.fees, b.currency, locale)}</dd>
            </div>
          </dl>
        </section>
      ))}
    </div>
  );
}
