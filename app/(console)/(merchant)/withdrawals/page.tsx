import { eq } from "drizzle-orm";
import { getTranslations } from "next-intl/server";
import { Link } from "@/components/ui/link";
import { BalanceCards } from "@/components/funds/balance-cards";
import { WithdrawalForm } from "@/components/funds/withdrawal-form";
import { LedgerTable } from "@/components/funds/ledger-table";
import { WithdrawalProgress } from "@/components/funds/withdrawal-progress";
import { WithdrawalsTable } from "@/components/funds/withdrawals-table";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { merchants, settlementAccounts } from "@/db/schema";
import { requireMerchantPage } from "@/lib/auth/guard";
import { getBalances, listLedgerEntries } from "@/lib/ledger/balance";
import { listWithdrawals } from "@/lib/funds/list-withdrawals";
import { fundsGatewayFor, getFundsSandbox } from "@/lib/funds/app-gateway";
import { checkBalance } from "@/lib/funds/balance-check";
import { fundsMessageKey } from "@/lib/funds/withdrawals";
import { getDb } from "@/lib/runtime/db";
import { requestWithdrawalAction, sandboxScanAction } from "./actions";

export default async function WithdrawalsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireMerchantPage();
  const t = await getTranslations("funds");
  const params = await searchParams;
  const db = await getDb();
  // WeChat is the authority for money: its balance is read on every open (and after each withdrawal, by the refresh), and kept for support beside the ledger.
  let wechat: { available: number; pending: number } | null = null;
  let wechatProblem: string | null = null;
  try {
    const check = await checkBalance(db, await fundsGatewayFor(db, actor.merchantId), actor.merchantId);
    wechat = { available: check.wechatAvailableMinor, pending: check.wechatPendingMinor };
  } catch (error) {
    const key = fundsMessageKey(error);
    wechatProblem = t((key?.startsWith("funds.") ? key.replace(/^funds\./, "") : "wechat.unavailable") as never);
  }
  const [balances, list, ledger, [merchant], account] = await Promise.all([
    getBalances(db, { merchantId: actor.merchantId }),
    listWithdrawals(db, { merchantId: actor.merchantId, after: params.after }),
    listLedgerEntries(db, { merchantId: actor.merchantId, after: params.movements }),
    db.select({ feeRateBps: merchants.feeRateBps }).from(merchants).where(eq(merchants.id, actor.merchantId)),
    db.$count(settlementAccounts, eq(settlementAccounts.merchantId, actor.merchantId)),
  ]);
  const current = list.rows.find((w) => ["submitting", "awaiting_scan", "created"].includes(w.status));
  const movementsNext = ledger.next;

  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-5">
      <PageHeader title={t("title")} />
      <BalanceCards balances={balances} feeRateBps={merchant?.feeRateBps ?? 60} wechat={wechat} wechatProblem={wechatProblem} />
      {current ? (
        <WithdrawalProgress
          key={current.id}
          id={current.id}
          hasQr={!!current.qrcodeTicket}
          initial={{ id: current.id, status: current.status, scanStatus: current.scanStatus, reason: current.reason, problem: null }}
          sandboxScan={getFundsSandbox() ? sandboxScanAction : undefined}
        />
      ) : null}
      <WithdrawalForm hasAccount={account > 0} action={requestWithdrawalAction} />
      {account === 0 ? <Link href="/settings" className="text-sm font-medium text-brand-700 underline">{t("withdraw.addAccount")}</Link> : null}

      <section aria-labelledby="withdrawals-title" className="flex flex-col gap-2">
        <h2 id="withdrawals-title" className="text-lg font-semibold">{t("list.title")}</h2>
        <WithdrawalsTable labelledBy="withdrawals-title" rows={list.rows.map((w) => ({ id: w.id, createdAt: w.createdAt, amountMinor: w.amountMinor, currency: w.currency, bankName: w.bankName, accountMasked: w.accountMasked, status: w.status }))} />
        <Pager label={t("list.title")} next={list.next ? `/withdrawals?after=${list.next}` : null} labels={{ next: t("list.more") }} />
      </section>

      <section aria-labelledby="movements-title" className="flex flex-col gap-2">
        <h2 id="movements-title" className="text-lg font-semibold">{t("ledger.title")}</h2>
        <LedgerTable labelledBy="movements-title" rows={ledger.rows.map((e) => ({ id: e.id, createdAt: e.createdAt, kind: e.kind, amountMinor: e.amountMinor, currency: e.currency, availableAt: e.availableAt }))} />
        <Pager label={t("ledger.title")} next={movementsNext ? `/withdrawals?movements=${movementsNext}` : null} labels={{ next: t("ledger.more") }} />
      </section>
    </section>
  );
}
