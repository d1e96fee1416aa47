import { getLocale, getTranslations } from "next-intl/server";
import type { CurrencyBalance } from "@/lib/ledger/balance";
import { formatMoney } from "@/lib/money/format";

export type WeChatBalance = { available: number; pending: number } | null;

/**
 * WeChat's balance (the authority for money: what can be withdrawn) beside the console's own
 * ledger figure; when they differ the difference is shown, and support sees it in Reconciliation.
 */
export async function BalanceCards({ balances, feeRateBps, wechat, wechatProblem }: { balances: CurrencyBalance[]; feeRateBps: number; wechat: WeChatBalance; wechatProblem?: string | null }) {
  const t = await getTranslations("funds");
  const locale = await getLocale();
  const cny = balances.find((b) => b.currency === "CNY") ?? { currency: "CNY", available: 0, pending: 0, fees: 0, withdrawn: 0 };
  const others = balances.filter((b) => b.currency !== "CNY");
  const difference = wechat ? cny.available + cny.pending - (wechat.available + wechat.pending) : 0;
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <section aria-label={t("balance.label", { currency: "CNY" })} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="balance-CNY">
        <dl className="grid grid-cols-2 gap-3">
          <div className="col-span-2">
            <dt className="text-sm text-slate-600">{t("balance.wechatAvailable")}</dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid="available">{wechat ? formatMoney(wechat.available, "CNY", locale) : "—"}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-600">{t("balance.wechatPending")}</dt>
            <dd className="tabular-nums" data-testid="wechat-pending">{wechat ? formatMoney(wechat.pending, "CNY", locale) : "—"}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-600">{t("balance.ledger")}</dt>
            <dd className="tabular-nums" data-testid="ledger-available">{formatMoney(cny.available, "CNY", locale)}{cny.pending ? ` + ${formatMoney(cny.pending, "CNY", locale)}` : ""}</dd>
          </div>
          <div className="col-span-2">
            <dt className="text-xs text-slate-600">{t("balance.fees", { rate: (feeRateBps / 100).toFixed(2) })}</dt>
            <dd className="tabular-nums">{formatMoney(cny.fees, "CNY", locale)}</dd>
          </div>
        </dl>
        {wechatProblem ? <p className="mt-2 text-sm text-amber-800" role="status">{wechatProblem}</p> : null}
        {wechat && difference !== 0 ? (
          <p className="mt-2 rounded-md border border-amber-200 bg-amber-50 p-2 text-sm text-amber-900" data-testid="balance-difference">
            {t("balance.difference", { amount: formatMoney(Math.abs(difference), "CNY", locale) })}
          </p>
        ) : null}
      </section>
      {others.map((b) => (
        <section key={b.currency} aria-label={t("balance.label", { currency: b.currency })} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`balance-${b.currency}`}>
          <dl className="grid grid-cols-2 gap-3">
            <div className="col-span-2">
              <dt className="text-sm text-slate-600">{t("balance.ledgerOnly")}</dt>
              <dd className="text-2xl font-semibold tabular-nums">{formatMoney(b.available, b.currency, locale)}</dd>
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
