"use client";

import { useLocale, useTranslations } from "next-intl";
import { Link } from "@/components/ui/link";
import { EmptyState } from "@/components/ui/empty-state";
import { WithdrawalStatusBadge } from "@/components/ui/status-badge";
import { DataTable, type Column } from "@/components/ui/table";
import type { WithdrawalStatus } from "@/db/schema";
import { formatDateTime, formatMoney } from "@/lib/money/format";

/** What the list shows of a withdrawal (only masked account data reaches the browser). */
export type WithdrawalListItem = { id: string; createdAt: Date; amountMinor: number; currency: string; bankName: string; accountMasked: string; status: WithdrawalStatus };

export function WithdrawalsTable({ rows, labelledBy }: { rows: WithdrawalListItem[]; labelledBy: string }) {
  const t = useTranslations("funds.list");
  const locale = useLocale();
  const columns: Column<WithdrawalListItem>[] = [
    { id: "createdAt", header: t("time"), cell: (r) => <span className="whitespace-nowrap">{formatDateTime(r.createdAt, locale)}</span> },
    {
      id: "amountMinor",
      header: t("amount"),
      cell: (r) => <span className="whitespace-nowrap font-medium tabular-nums sm:font-normal" data-testid="withdrawal-amount">{formatMoney(r.amountMinor, r.currency, locale)}</span>,
      align: "right",
      phone: "key",
    },
    { id: "account", header: t("account"), cell: (r) => `${r.bankName} ${r.accountMasked}` },
    { id: "status", header: t("status"), cell: (r) => <span data-testid="withdrawal-status"><WithdrawalStatusBadge status={r.status} /></span>, phone: "key" },
    {
      id: "open",
      header: <span className="sr-only">{t("details")}</span>,
      cell: (r) => <Link href={`/withdrawals/${r.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">{t("details")}</Link>,
      phone: "key",
    },
  ];
  if (rows.length === 0) return <EmptyState title={t("empty")} />;
  return <DataTable data={rows} columns={columns} getRowId={(r) => r.id} rowTestId="withdrawal-row" labelledBy={labelledBy} />;
}
