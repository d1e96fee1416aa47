import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { AutoRefresh } from "@/components/funds/auto-refresh";
import { PaymentDrawer } from "@/components/payments/payment-drawer";
import { PaymentFiltersForm } from "@/components/payments/payment-filters";
import { PaymentsTable } from "@/components/payments/payments-table";
import { SimulateButton } from "@/components/payments/simulate-button";
import { PaymentsOverview, PaymentsOverviewPlaceholder } from "@/components/payments/payments-overview";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { requireMerchantPage } from "@/lib/auth/guard";
import { getConfig } from "@/lib/config";
import { parsePaymentFilters } from "@/lib/payments/filters";
import { filtersToQuery } from "@/lib/payments/filters-query";
import { listPayments } from "@/lib/payments/list-payments";
import { getDb } from "@/lib/runtime/db";
import { refreshPaymentAction, simulatePaymentsAction } from "./actions";

export default async function PaymentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireMerchantPage();
  const t = await getTranslations("payments");
  const filters = parsePaymentFilters(await searchParams);
  const db = await getDb();
  const list = await listPayments(db, { merchantId: actor.merchantId, filters });
  const rows = list.rows.map((p) => ({ id: p.id, orderId: p.orderId, merchantOrderId: p.merchantOrderId, amountMinor: p.amountMinor, currency: p.currency, status: p.status, createdAt: p.createdAt.toISOString() }));
  const filtered = Object.entries(filters).some(([k, v]) => v && !["after", "before", "sort"].includes(k));

  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-5">
      {/* A PENDING payment turns final by webhook or polling: show it without a reload. */}
      <AutoRefresh active={rows.some((r) => r.status === "PENDING" && Date.parse(r.createdAt) > Date.now() - 3 * 3_600_000)} />
      <PageHeader title={t("title")} actions={getConfig().payments.sandbox ? <SimulateButton action={simulatePaymentsAction} /> : null} />
      <Suspense fallback={<PaymentsOverviewPlaceholder />}>
        <PaymentsOverview db={db} merchantId={actor.merchantId} />
      </Suspense>
      <PaymentFiltersForm key={filtersToQuery(filters)} filters={filters} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">{filtered ? t("table.filteredTitle") : t("table.title")}</h2>
        <a href={`/api/payments/export${filtersToQuery({ ...filters, sort: undefined })}`} download className="inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
          {t("export")}
        </a>
      </div>
      <PaymentsTable rows={rows} />
      <Pager
        label={t("pagination.label")}
        first={list.prev || filters.after || filters.before ? `/payments${filtersToQuery(filters)}` : null}
        previous={list.prev ? `/payments${filtersToQuery(filters, { before: list.prev })}` : null}
        next={list.next ? `/payments${filtersToQuery(filters, { after: list.next })}` : null}
        labels={{ first: t("pagination.first"), previous: t("pagination.previous"), next: t("pagination.next") }}
      />
      <PaymentDrawer refreshAction={refreshPaymentAction} />
    </section>
  );
}
