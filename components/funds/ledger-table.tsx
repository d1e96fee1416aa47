"use client";

import { clsx } from "clsx";
import { useLocale, useTranslations } from "next-intl";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable, type Column } from "@/components/ui/table";
import type { LedgerKind } from "@/db/schema";
import { formatDateTime, formatMoney } from "@/lib/money/format";

/** One movement of the merchant's money, as the list shows it. */
export type LedgerListItem = { id: string; createdAt: Date; kind: LedgerKind; amountMinor: number; currency: string; availableAt: Date };

export function LedgerTable({ rows, labelledBy }: { rows: LedgerListItem[]; labelledBy: string }) {
  const t = useTranslations("funds.ledger");
  const locale = useLocale();
  const columns: Column<LedgerListItem>[] = [
    { id: "createdAt", header: t("time"), cell: (r) => <span className="whitespace-nowrap">{formatDateTime(r.createdAt, locale)}</span> },
    { id: "kind", header: t("kind"), cell: (r) => t(`kinds.${r.kind}`), phone: "key" },
    {
      id: "amountMinor",
      header: t("amount"),
      cell: (r) => <span className={clsx("whitespace-nowrap font-medium tabular-nums sm:font-normal", r.amountMinor < 0 ? "text-red-700" : "text-brand-800")}>{formatMoney(r.amountMinor, r.currency, locale)}</span>,
      align: "right",
      phone: "key",
    },
    { id: "availableAt", header: t("availableAt"), cell: (r) => <span className="whitespace-nowrap">{formatDateTime(r.availableAt, locale)}</span> },
  ];
  if (rows.length === 0) return <EmptyState title={t("empty")} />;
  return <DataTable data={rows} columns={columns} getRowId={(r) => r.id} rowTestId="ledger-row" labelledBy={labelledBy} />;
}
