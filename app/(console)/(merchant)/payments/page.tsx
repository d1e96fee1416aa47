import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { PaymentDrawer } from "@/components/payments/payment-drawer";
import { PaymentFiltersForm } from "@/components/payments/payment-filters";
import { PaymentsTable } from "@/components/payments/payments-table";
import { SimulateButton } from "@/components/payments/simulate-button";
import { SummaryTiles } from "@/components/payments/summary-tiles";
import { VolumeChart } from "@/components/payments/volume-chart";
import { requireMerchantPage } from "@/lib/auth/guard";
import { getConfig } from "@/lib/config";
import { filtersToQuery, parsePaymentFilters } from "@/lib/payments/filters";
import { listPayments } from "@/lib/payments/list-payments";
import { paymentSummary } from "@/lib/payments/summary";
import { getDb } from "@/lib/server/db";
import { refreshPaymentAction, simulatePaymentsAction } from "./actions";

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireMerchantPage();
  const t = await getTranslations("payments");
  const filters = parsePaymentFilters(await searchParams);
  const db = await getDb();
  const [list, summary] = await Promise.all([listPayments(db, { merchantId: actor.merchantId, filters }), paymentSummary(db, { merchantId: actor.merchantId })]);
  const rows = list.rows.map((p) => ({ id: p.id, orderId: p.orderId, merchantOrderId: p.merchantOrderId, amountMinor: p.amountMinor, currency: p.currency, status: p.status, createdAt: p.createdAt.toISOString(), paidAt: p.paidAt?.toISOString() ?? null }));
  const filtered = Object.entries(filters).some(([k, v]) => v && !["after", "before", "sort"].includes(k));

  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="page-title" className="text-2xl font-semibold">{t("title")}</h1>
        {getConfig().payments.sandbox ? <SimulateButton action={simulatePaymentsAction} /> : null}
      </div>
      <SummaryTiles summary={summary} />
      <VolumeChart days={summary.days} daily={summary.daily} />
      <PaymentFiltersForm key={filtersToQuery(filters)} filters={filters} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">{filtered ? t("table.filteredTitle") : t("table.title")}</h2>
        <a href={`/api/payments/export${filtersToQuery({ ...filters, sort: undefined })}`} download className="inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
          {t("export")}
        </a>
      </div>
      <PaymentsTable rows={rows} />
      <nav aria-label={t("pagination.label")} className="flex flex-wrap items-center gap-3 text-sm">
        {list.prev || filters.after || filters.before ? <Link className="underline" href={`/payments${filtersToQuery(filters)}`}>{t("pagination.first")}</Link> : null}
        {list.prev ? <Link className="underline" href={`/payments${filtersToQuery(filters, { before: list.prev })}`} rel="prev">{t("pagination.previous")}</Link> : null}
        {list.next ? <Link className="underline" href={`/payments${filtersToQuery(filters, { after: list.next })}`} rel="next">{t("pagination.next")}</Link> : null}
      </nav>
      <PaymentDrawer refreshAction={refreshPaymentAction} />
    </section>
  );
}
