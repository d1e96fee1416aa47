import { Link } from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { BalanceCheck } from "@/lib/funds/balance-check";
import { formatDateTime, formatMoney } from "@/lib/money/format";

/** Support's view of a merchant's money: WeChat's balance as last read beside the console ledger, a difference flagged. */
export async function BalanceCheckCard({ merchantId, check, problem }: { merchantId: string; check: BalanceCheck | null; problem: string | null }) {
  const t = await getTranslations("funds.merchantCard");
  const locale = await getLocale();
  const cny = (minor: number) => formatMoney(minor, "CNY", locale);
  return (
    <section className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="funds-title" data-testid="merchant-funds">
      <h2 id="funds-title" className="font-semibold">{t("title")}</h2>
      {check ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600">{t("wechat")}</dt>
          <dd className="tabular-nums">{cny(check.wechatAvailableMinor + check.wechatPendingMinor)}</dd>
          <dt className="text-slate-600">{t("ledger")}</dt>
          <dd className="tabular-nums">{cny(check.ledgerAvailableMinor + check.ledgerPendingMinor)}</dd>
        </dl>
      ) : (
        <p className="text-sm text-slate-700">{t("never")}</p>
      )}
      {check ? <p className="text-xs text-slate-600">{t("checkedAt", { time: formatDateTime(check.checkedAt, locale) })}</p> : null}
      {problem ? <p className="text-sm text-amber-800" role="status">{t("problem", { message: problem })}</p> : null}
      {check && check.differenceMinor !== 0 ? (
        <p className="rounded-md border border-red-200 bg-red-50 p-2 text-sm text-red-900" data-testid="merchant-balance-difference">{t("difference", { amount: cny(Math.abs(check.differenceMinor)) })}</p>
      ) : check ? (
        <p className="text-sm text-slate-700">{t("same")}</p>
      ) : null}
      <Link href={`/support/reconciliation?merchant=${merchantId}`} className="text-sm font-medium text-brand-700 underline">{t("reconcile")}</Link>
    </section>
  );
}
