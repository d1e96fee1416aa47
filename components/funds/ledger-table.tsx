"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { clsx } from "clsx";
import { useLocale, useTranslations } from "next-intl";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable } from "@/components/ui/table";
import type { LedgerKind } from "@/db/schema";
import { formatDateTime, formatMoney } from "@/lib/money/format";

/** One movement of the merchant's money, as the list shows it. */
export type LedgerListItem = { id: string; createdAt: Date; kind: LedgerKind; amountMinor: number; currency: string; availableAt: Date };

const column = createColumnHelper<LedgerListItem>();

export function LedgerTable({ rows, labelledBy }: { rows: LedgerListItem[]; labelledBy: string }) {
  const t = useTranslations("funds.ledger");
  const locale = useLocale();
  const columns = [
    column.accessor("createdAt", { header: t("time"), cell: (info) => <span className="whitespace-nowrap">{formatDateTime(info.getValue(), locale)}</span> }),
    column.accessor("kind", { header: t("kind"), cell: (info) => t(`kinds.${info.getValue()}`), meta: { phone: "key" } }),
    column.accessor("amountMinor", {
      header: t("amount"),
      cell: (info) => <span className={clsx("whitespace-nowrap font-medium tabular-nums sm:font-normal", info.getValue() < 0 ? "text-red-700" : "text-brand-800")}>{formatMoney(info.getValue(), info.row.original.currency, locale)}</span>,
      meta: { align: "right", phone: "key" },
    }),
    column.accessor("availableAt", { header: t("availableAt"), cell: (info) => <span className="whitespace-nowrap">{formatDateTime(info.getValue(), locale)}</span> }),
  ];
  if (rows.length === 0) return <EmptyState title={t("empty")} />;
  return <DataTable data={rows} columns={columns} getRowId={(r) => r.id} rowTestId="ledger-row" labelledBy={labelledBy} />;
}
