import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/components/ui/link";
import { notFound } from "next/navigation";
import { AutoRefresh } from "@/components/funds/auto-refresh";
import { WithdrawalStatusBadge } from "@/components/ui/status-badge";
import { requireMerchantPage } from "@/lib/auth/guard";
import { isAppError } from "@/lib/errors";
import { getWithdrawal } from "@/lib/funds/list-withdrawals";
import { finalStatuses, refundingStatuses } from "@/lib/funds/withdrawals";
import { formatDateTime, formatMoney } from "@/lib/money/format";
import { getDb } from "@/lib/runtime/db";

const reasonKeys = { bank_rejected: 1, closed_by_bank: 1, account_closed: 1, account_name_mismatch: 1 } as const;

export default async function WithdrawalPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireMerchantPage();
  const t = await getTranslations("funds");
  const locale = await getLocale();
  const { id } = await params;
  let detail;
  try {
    detail = await getWithdrawal(await getDb(), { merchantId: actor.merchantId, id });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
  const { withdrawal: w, events } = detail;
  // A reason is a message key of ours (`funds.…`) or WeChat's own words, shown as WeChat wrote them.
  const reasonText = (reason: string) =>
    reason.startsWith("funds.") ? t(reason.replace(/^funds\./, "") as never) : reason in reasonKeys ? t(`reasons.${reason as keyof typeof reasonKeys}`) : t("detail.wechatSays", { text: reason.replace(/^wechat:/, "") });
  const refunded = refundingStatuses.includes(w.status);
  return (
    <section aria-labelledby="page-title" className="flex max-w-2xl flex-col gap-5">
      <AutoRefresh active={!finalStatuses.includes(w.status)} />
      <Link href="/withdrawals" className="text-sm text-brand-700 underline">{t("detail.back")}</Link>
      <h1 id="page-title" className="text-2xl font-semibold">{t("detail.title")}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <dt className="text-slate-600">{t("list.amount")}</dt>
        <dd className="tabular-nums">{formatMoney(w.amountMinor, w.currency, locale)}</dd>
        <dt className="text-slate-600">{t("list.status")}</dt>
        <dd data-testid="withdrawal-status"><WithdrawalStatusBadge status={w.status} /></dd>
        <dt className="text-slate-600">{t("list.account")}</dt>
        <dd>{w.bankName} {w.accountMasked}</dd>
        <dt className="text-slate-600">{t("list.time")}</dt>
        <dd>{formatDateTime(w.createdAt, locale)}</dd>
        {w.reason ? (
          <>
            <dt className="text-slate-600">{t("detail.reason")}</dt>
            <dd>{reasonText(w.reason)}</dd>
          </>
        ) : null}
      </dl>
      {refunded ? <p className="rounded-md border border-brand-100 bg-brand-50 p-3 text-sm text-brand-800" role="status">{t("detail.refunded")}</p> : null}
      <h2 className="text-lg font-semibold">{t("detail.timeline")}</h2>
      <ol className="space-y-3 border-l border-slate-200 pl-4 text-sm" data-testid="withdrawal-timeline">
        {events.map((e) => (
          <li key={e.id}>
            <p className="font-medium">{t(`withdrawalStatus.${e.toStatus}`)}{e.reason ? ` · ${reasonText(e.reason)}` : ""}</p>
            <p className="text-slate-600">{formatDateTime(e.createdAt, locale)}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

