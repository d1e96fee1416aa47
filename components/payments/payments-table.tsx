"use client";

import { useLocale, useTranslations } from "next-intl";
import { Link } from "@/components/ui/link";
import { useSearchParams } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { PaymentStatusBadge } from "@/components/ui/status-badge";
import { DataTable, type Column } from "@/components/ui/table";
import type { PaymentStatus } from "@/db/schema";
import { formatDateTime, formatMoney } from "@/lib/money/format";

/** What the list shows of a payment, as the page hands it to the browser (the time as an ISO string). */
export type PaymentListItem = {
  id: string;
  orderId: string;
  merchantOrderId: string;
  amountMinor: number;
  currency: string;
  status: PaymentStatus;
  createdAt: string;
};

export function PaymentsTable({ rows }: { rows: PaymentListItem[] }) {
  const t = useTranslations("payments");
  const locale = useLocale();
  const params = useSearchParams();
  const sort = params.get("sort") === "asc" ? "asc" : "desc";
  const hrefWith = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    return `/payments?${next.toString()}`;
  };
  // Each row's link is this page's address plus its payment (an id, nothing to escape): the common part is built once.
  const others = hrefWith({ payment: undefined });
  const rowHrefBase = `${others}${others.endsWith("?") ? "" : "&"}payment=`;

  const columns: Column<PaymentListItem>[] = [
    {
      id: "createdAt",
      header: (
        <Link href={hrefWith({ sort: sort === "desc" ? "asc" : "desc", after: undefined, before: undefined, payment: undefined })} className="inline-flex min-h-8 items-center gap-1 underline-offset-2 hover:underline" aria-label={t(sort === "desc" ? "table.sortAsc" : "table.sortDesc")}>
          {t("table.time")} <span aria-hidden="true">{sort === "desc" ? "↓" : "↑"}</span>
        </Link>
      ),
      cell: (p) => <span className="whitespace-nowrap">{formatDateTime(p.createdAt, locale)}</span>,
      label: t("table.time"),
      phoneHeader: true,
      sort: sort === "asc" ? "ascending" : "descending",
    },
    {
      id: "merchantOrderId",
      header: t("fields.merchant_order_id"),
      cell: (p) => (
        <div className="flex min-w-0 flex-col">
          <span className="break-all font-mono text-xs">{p.merchantOrderId}</span>
          <span className="break-all font-mono text-xs text-slate-600">{p.orderId}</span>
        </div>
      ),
    },
    {
      id: "amountMinor",
      header: t("fields.amount"),
      cell: (p) => <span className="whitespace-nowrap font-medium tabular-nums sm:font-normal" data-testid="payment-amount">{formatMoney(p.amountMinor, p.currency, locale)}</span>,
      align: "right",
      phone: "key",
    },
    { id: "status", header: t("fields.status"), cell: (p) => <PaymentStatusBadge status={p.status} data-testid="payment-status" />, phone: "key" },
    {
      id: "open",
      header: <span className="sr-only">{t("table.details")}</span>,
      cell: (p) => (
        <Link href={rowHrefBase + p.id} scroll={false} aria-label={`${t("table.open")} ${p.merchantOrderId}`} className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          {t("table.open")}
        </Link>
      ),
      phone: "key",
    },
  ];

  if (rows.length === 0) return <EmptyState title={t("table.empty")} />;
  return <DataTable data={rows} columns={columns} getRowId={(r) => r.id} rowTestId="payment-row" label={t("table.label")} />;
}
