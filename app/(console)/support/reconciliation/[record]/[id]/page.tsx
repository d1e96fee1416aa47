import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { PaymentStatusBadge, WithdrawalStatusBadge } from "@/components/ui/status-badge";
import { requirePageUser } from "@/lib/auth/guard";
import { reconciliationRecord, reconciliationRecordSchema } from "@/lib/funds/reconciliation";
import { formatDateTime, formatMoney } from "@/lib/money/format";
import { getDb } from "@/lib/runtime/db";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("funds.reconciliation"))("recordTitle") };
}

/** One record, as a list of labelled values. */
function Facts({ rows, testId }: { rows: [string, ReactNode][]; testId: string }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md border border-slate-200 p-3 text-sm" data-testid={testId}>
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-600">{label}</dt>
          <dd className="break-all">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function ReconciliationRecordPage({ params }: { params: Promise<{ record: string; id: string }> }) {
  await requirePageUser("support");
  const parsed = reconciliationRecordSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const db = await getDb();
  const found = await reconciliationRecord(db, parsed.data);
  if (!found) notFound();
  const t = await getTranslations("funds.reconciliation");
  const locale = await getLocale();
  const f = (key: string) => t(`fields.${key}` as never);
  const card = "flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4";
  const nothingInConsole = found.payments.length === 0 && found.withdrawals.length === 0;
  return (
    <section aria-labelledby="page-title" className="flex max-w-4xl flex-col gap-4">
      <PageHeader title={t("recordTitle")} intro={t("recordIntro", { merchant: found.merchantName })} />
      <div className="grid gap-4 md:grid-cols-2">
        <section className={card} aria-labelledby="console-title">
          <h2 id="console-title" className="font-semibold">{t("consoleSide")}</h2>
          {nothingInConsole ? <p className="text-sm text-slate-700">{t("nothingConsole")}</p> : null}
          {found.payments.map((p) => (
            <Facts key={p.id} testId="console-payment" rows={[
              [f("orderId"), <code key="o">{p.orderId}</code>],
              [f("merchantOrderId"), <code key="m">{p.merchantOrderId}</code>],
              [f("amount"), formatMoney(p.amountMinor, p.currency, locale)],
              [f("status"), <PaymentStatusBadge key="s" status={p.status} />],
              [f("paidAt"), formatDateTime(p.paidAt, locale)],
            ]} />
          ))}
          {found.withdrawals.map((w) => (
            <Facts key={w.id} testId="console-withdrawal" rows={[
              [f("outRequestNo"), <code key="o">{w.outRequestNo ?? "—"}</code>],
              [f("amount"), formatMoney(w.amountMinor, w.currency, locale)],
              [f("status"), <WithdrawalStatusBadge key="s" status={w.status} />],
              [f("createdAt"), formatDateTime(w.createdAt, locale)],
            ]} />
          ))}
        </section>
        <section className={card} aria-labelledby="wechat-title">
          <h2 id="wechat-title" className="font-semibold">{t("wechatSide")}</h2>
          {found.flows.length === 0 ? <p className="text-sm text-slate-700">{t("nothingWeChat")}</p> : null}
          {found.flows.map((flow) => (
            <Facts key={flow.id} testId="wechat-flow" rows={[
              [f("fundsFlowId"), <code key="i">{flow.fundsFlowId}</code>],
              [f("requestNo"), <code key="r">{flow.requestNo ?? "—"}</code>],
              [f("amount"), formatMoney(flow.amountMinor, "CNY", locale)],
              [f("bookkeepingTime"), flow.bookkeepingTime ?? flow.bookkeepingDate],
              [f("type"), [flow.type, flow.flowType].filter(Boolean).join(" · ") || "—"],
              [f("busiType"), flow.busiType ?? "—"],
            ]} />
          ))}
        </section>
      </div>
      <Link href={`/support/reconciliation?merchant=${found.merchantId}`} className="text-sm font-medium text-brand-700 underline">{t("back")}</Link>
    </section>
  );
}
