"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { PaymentStatusBadge } from "@/components/ui/status-badge";
import { DataTable } from "@/components/ui/table";
import type { PaymentStatus } from "@/db/schema";
import { formatDateTime, formatMoney } from "@/lib/money/format";

/** A payment as the page hands it to the browser (dates as ISO strings). */
export type PaymentListItem = {
  id: string;
  orderId: string;
  merchantOrderId: string;
  amountMinor: number;
  currency: string;
  status: PaymentStatus;
  createdAt: string;
  paidAt: string | null;
};

const column = createColumnHelper<PaymentListItem>();

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

  const columns = [
    column.accessor("createdAt", {
      header: () => (
        <Link href={hrefWith({ sort: sort === "desc" ? "asc" : "desc", after: undefined, before: undefined, payment: undefined })} className="inline-flex min-h-8 items-center gap-1 underline-offset-2 hover:underline" aria-label={t(sort === "desc" ? "table.sortAsc" : "table.sortDesc")}>
          {t("table.time")} <span aria-hidden="true">{sort === "desc" ? "↓" : "↑"}</span>
        </Link>
      ),
      cell: (info) => <span className="whitespace-nowrap">{formatDateTime(info.getValue(), locale)}</span>,
      meta: { label: t("table.time"), phoneHeader: true, sort: sort === "asc" ? "ascending" : "descending" },
    }),
    column.accessor("merchantOrderId", {
      header: t("fields.merchant_order_id"),
      cell: (info) => (
        <div className="flex min-w-0 flex-col">
          <span className="break-all font-mono text-xs">{info.getValue()}</span>
          <span className="break-all font-mono text-xs text-slate-600">{info.row.original.orderId}</span>
        </div>
      ),
    }),
    column.accessor("amountMinor", {
      header: t("fields.amount"),
      cell: (info) => <span className="whitespace-nowrap font-medium tabular-nums sm:font-normal" data-testid="payment-amount">{formatMoney(info.getValue(), info.row.original.currency, locale)}</span>,
      meta: { align: "right", phone: "key" },
    }),
    column.accessor("status", { header: t("fields.status"), cell: (info) => <span data-testid="payment-status"><PaymentStatusBadge status={info.getValue()} /></span>, meta: { phone: "key" } }),
    column.display({
      id: "open",
      header: () => <span className="sr-only">{t("table.details")}</span>,
      cell: (info) => (
        <Link href={hrefWith({ payment: info.row.original.id })} scroll={false} className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          {t("table.open")}<span className="sr-only"> {info.row.original.merchantOrderId}</span>
        </Link>
      ),
      meta: { phone: "key" },
    }),
  ];

  if (rows.length === 0) return <EmptyState title={t("table.empty")} />;
  return <DataTable data={rows} columns={columns} getRowId={(r) => r.id} rowTestId="payment-row" label={t("table.label")} />;
}
