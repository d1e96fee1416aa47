"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { WithdrawalStatusBadge } from "@/components/ui/status-badge";
import { DataTable } from "@/components/ui/table";
import type { WithdrawalStatus } from "@/db/schema";
import { formatDateTime, formatMoney } from "@/lib/money/format";

/** What the list shows of a withdrawal (only masked account data reaches the browser). */
export type WithdrawalListItem = { id: string; createdAt: Date; amountMinor: number; currency: string; bankName: string; accountMasked: string; status: WithdrawalStatus };

const column = createColumnHelper<WithdrawalListItem>();

export function WithdrawalsTable({ rows, labelledBy }: { rows: WithdrawalListItem[]; labelledBy: string }) {
  const t = useTranslations("funds.list");
  const locale = useLocale();
  const columns = [
    column.accessor("createdAt", { header: t("time"), cell: (info) => <span className="whitespace-nowrap">{formatDateTime(info.getValue(), locale)}</span> }),
    column.accessor("amountMinor", {
      header: t("amount"),
      cell: (info) => <span className="whitespace-nowrap font-medium tabular-nums sm:font-normal" data-testid="withdrawal-amount">{formatMoney(info.getValue(), info.row.original.currency, locale)}</span>,
      meta: { align: "right", phone: "key" },
    }),
    column.display({ id: "account", header: t("account"), cell: (info) => `${info.row.original.bankName} ${info.row.original.accountMasked}` }),
    column.accessor("status", { header: t("status"), cell: (info) => <span data-testid="withdrawal-status"><WithdrawalStatusBadge status={info.getValue()} /></span>, meta: { phone: "key" } }),
    column.display({
      id: "open",
      header: () => <span className="sr-only">{t("details")}</span>,
      cell: (info) => <Link href={`/withdrawals/${info.row.original.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">{t("details")}</Link>,
      meta: { phone: "key" },
    }),
  ];
  if (rows.length === 0) return <EmptyState title={t("empty")} />;
  return <DataTable data={rows} columns={columns} getRowId={(r) => r.id} rowTestId="withdrawal-row" labelledBy={labelledBy} />;
}
