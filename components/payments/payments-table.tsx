"use client";

import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { formatDateTime, formatMoney } from "@/lib/payments/format";
import type { PaymentStatus } from "@/db/schema";
import { PaymentStatusBadge } from "./status-badge";

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
        <Link href={hrefWith({ sort: sort === "desc" ? "asc" : "desc", after: undefined, before: undefined, payment: undefined })} className="inline-flex items-center gap-1 underline-offset-2 hover:underline" aria-label={t(sort === "desc" ? "table.sortAsc" : "table.sortDesc")}>
          {t("table.time")} <span aria-hidden="true">{sort === "desc" ? "↓" : "↑"}</span>
        </Link>
      ),
      cell: (info) => <span className="whitespace-nowrap">{formatDateTime(info.getValue(), locale)}</span>,
    }),
    column.accessor("merchantOrderId", {
      header: () => t("fields.merchant_order_id"),
      cell: (info) => (
        <div className="flex flex-col">
          <span className="font-mono text-xs">{info.getValue()}</span>
          <span className="font-mono text-xs text-slate-600">{info.row.original.orderId}</span>
        </div>
      ),
    }),
    column.accessor("amountMinor", {
      header: () => <span className="block text-right">{t("fields.amount")}</span>,
      cell: (info) => <span className="block whitespace-nowrap text-right tabular-nums">{formatMoney(info.getValue(), info.row.original.currency, locale)}</span>,
    }),
    column.accessor("status", { header: () => t("fields.status"), cell: (info) => <PaymentStatusBadge status={info.getValue()} /> }),
    column.display({
      id: "open",
      header: () => <span className="sr-only">{t("table.details")}</span>,
      cell: (info) => (
        <Link href={hrefWith({ payment: info.row.original.id })} scroll={false} className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          {t("table.open")}<span className="sr-only"> {info.row.original.merchantOrderId}</span>
        </Link>
      ),
    }),
  ];
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => r.id });

  if (rows.length === 0) return <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600">{t("table.empty")}</p>;
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white" role="region" aria-label={t("table.label")} tabIndex={0}>
      <table className="min-w-[640px] w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase text-slate-600">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" className="px-3 py-2 font-medium" aria-sort={header.column.id === "createdAt" ? (sort === "asc" ? "ascending" : "descending") : undefined}>
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} data-testid="payment-row">
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className="px-3 py-2 align-top">{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
