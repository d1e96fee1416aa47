import { eq } from "drizzle-orm";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { AutoRefresh } from "@/components/funds/auto-refresh";
import { BalanceCards } from "@/components/funds/balance-cards";
import { WithdrawalForm } from "@/components/funds/withdrawal-form";
import { WithdrawalStatusBadge } from "@/components/funds/withdrawal-status-badge";
import { merchants, settlementAccounts } from "@/db/schema";
import { requireMerchantPage } from "@/lib/auth/guard";
import { getBalances, listLedgerEntries } from "@/lib/funds/balance";
import { listWithdrawals } from "@/lib/funds/list-withdrawals";
import { runFundsJobs } from "@/lib/funds/scheduler";
import { decodeCursor } from "@/lib/payments/filters";
import { formatDateTime, formatMoney } from "@/lib/payments/format";
import { currencies } from "@/lib/payments/money";
import { getDb } from "@/lib/server/db";
import { requestWithdrawalAction } from "./actions";

export default async function WithdrawalsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireMerchantPage();
  const t = await getTranslations("funds");
  const locale = await getLocale();
  const params = await searchParams;
  // Lazily apply what the sandbox bank has answered since the last look.
  await runFundsJobs(actor.merchantId);
  const db = await getDb();
  const [balances, list, ledger, [merchant], account] = await Promise.all([
    getBalances(db, { merchantId: actor.merchantId }),
    listWithdrawals(db, { merchantId: actor.merchantId, after: params.after }),
    listLedgerEntries(db, { merchantId: actor.merchantId, cursor: decodeCursor(params.movements) }),
    db.select({ feeRateBps: merchants.feeRateBps }).from(merchants).where(eq(merchants.id, actor.merchantId)),
    db.$count(settlementAccounts, eq(settlementAccounts.merchantId, actor.merchantId)),
  ]);
  const withdrawable = balances.map((b) => b.currency);
  const inProgress = list.rows.some((w) => w.status === "created" || w.nextCheckAt);
  const movementsNext = ledger.next ? Buffer.from(`${ledger.next.createdAt}|${ledger.next.id}`).toString("base64url") : null;

  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-5">
      <AutoRefresh active={inProgress} />
      <h1 id="page-title" className="text-2xl font-semibold">{t("title")}</h1>
      <BalanceCards balances={balances} feeRateBps={merchant?.feeRateBps ?? 60} />
      <WithdrawalForm currencies={withdrawable.length ? withdrawable : [currencies[0]!]} hasAccount={account > 0} action={requestWithdrawalAction} />
      {account === 0 ? <Link href="/settings" className="text-sm font-medium text-brand-700 underline">{t("withdraw.addAccount")}</Link> : null}

      <section aria-labelledby="withdrawals-title">
        <h2 id="withdrawals-title" className="text-lg font-semibold">{t("list.title")}</h2>
        {list.rows.length === 0 ? (
          <p className="mt-2 text-slate-600">{t("list.empty")}</p>
        ) : (
          <div className="relative mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white" role="region" aria-labelledby="withdrawals-title" tabIndex={0}>
            <table className="w-full min-w-[560px] text-left text-sm">
              <thead className="bg-slate-50 text-xs text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("list.time")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("list.amount")}</th>
                  <th scope="col" className="px-3 py-2">{t("list.account")}</th>
                  <th scope="col" className="px-3 py-2">{t("list.status")}</th>
                  <th scope="col" className="px-3 py-2"><span className="sr-only">{t("list.details")}</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {list.rows.map((w) => (
                  <tr key={w.id} data-testid="withdrawal-row">
                    <td className="whitespace-nowrap px-3 py-2">{formatDateTime(w.createdAt, locale)}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{formatMoney(w.amountMinor, w.currency, locale)}</td>
                    <td className="px-3 py-2">{w.bankName} {w.accountMasked}</td>
                    <td className="px-3 py-2"><WithdrawalStatusBadge status={w.status} /></td>
                    <td className="px-3 py-2"><Link href={`/withdrawals/${w.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">{t("list.details")}</Link></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list.next ? <Link href={`/withdrawals?after=${list.next}`} className="mt-2 inline-block text-sm underline">{t("list.more")}</Link> : null}
      </section>

      <section aria-labelledby="movements-title">
        <h2 id="movements-title" className="text-lg font-semibold">{t("ledger.title")}</h2>
        {ledger.rows.length === 0 ? (
          <p className="mt-2 text-slate-600">{t("ledger.empty")}</p>
        ) : (
          <div className="relative mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white" role="region" aria-labelledby="movements-title" tabIndex={0}>
            <table className="w-full min-w-[520px] text-left text-sm">
              <thead className="bg-slate-50 text-xs text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("ledger.time")}</th>
                  <th scope="col" className="px-3 py-2">{t("ledger.kind")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("ledger.amount")}</th>
                  <th scope="col" className="px-3 py-2">{t("ledger.availableAt")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {ledger.rows.map((e) => (
                  <tr key={e.id} data-testid="ledger-row">
                    <td className="whitespace-nowrap px-3 py-2">{formatDateTime(e.createdAt, locale)}</td>
                    <td className="px-3 py-2">{t(`ledger.kinds.${e.kind}`)}</td>
                    <td className={`whitespace-nowrap px-3 py-2 text-right tabular-nums ${e.amountMinor < 0 ? "text-red-700" : "text-brand-800"}`}>{formatMoney(e.amountMinor, e.currency, locale)}</td>
                    <td className="whitespace-nowrap px-3 py-2">{formatDateTime(e.availableAt, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {movementsNext ? <Link href={`/withdrawals?movements=${movementsNext}`} className="mt-2 inline-block text-sm underline">{t("ledger.more")}</Link> : null}
      </section>
    </section>
  );
}
