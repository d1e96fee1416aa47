"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/table";
import type { Difference, DifferenceKind } from "@/lib/funds/reconciliation";
import { formatDateTime, formatMoney } from "@/lib/money/format";

const kindTones: Record<DifferenceKind, BadgeTone> = { console_only: "attention", wechat_only: "attention", amount_differs: "danger" };

const difference = createColumnHelper<Difference>();

/** Each difference with a link to its record: a table on wide screens, a card per difference on phones. */
export function DifferencesTable({ rows, labelledBy }: { rows: Difference[]; labelledBy: string }) {
  const t = useTranslations("funds.reconciliation");
  const locale = useLocale();
  const money = (minor: number | null) => (minor === null ? t("noAmount") : formatMoney(minor, "CNY", locale));
  const columns = [
    difference.accessor("day", { header: t("day"), cell: (info) => <span className="whitespace-nowrap tabular-nums">{info.getValue()}</span> }),
    difference.accessor("merchantName", { header: t("merchant") }),
    difference.accessor("kind", { header: t("kind"), cell: (info) => <Badge tone={kindTones[info.getValue()]} data-testid="difference-kind">{t(`kinds.${info.getValue()}`)}</Badge>, meta: { phone: "key" } }),
    difference.accessor("record", { header: t("record"), cell: (info) => t(`records.${info.getValue()}`) }),
    difference.accessor("reference", { header: t("reference"), cell: (info) => <code className="break-all text-xs">{info.getValue()}</code> }),
    difference.accessor("consoleMinor", { header: t("console"), cell: (info) => <span className="whitespace-nowrap tabular-nums" data-testid="console-amount">{money(info.getValue())}</span>, meta: { align: "right" } }),
    difference.accessor("wechatMinor", { header: t("wechat"), cell: (info) => <span className="whitespace-nowrap tabular-nums" data-testid="wechat-amount">{money(info.getValue())}</span>, meta: { align: "right" } }),
    difference.display({
      id: "open",
      header: () => <span className="sr-only">{t("open")}</span>,
      cell: ({ row: { original: d } }) => (
        <Link href={`/support/reconciliation/${d.record}/${d.recordId}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
          {t("open")}<span className="sr-only"> {d.reference}</span>
        </Link>
      ),
      meta: { phone: "key" },
    }),
  ];
  return <DataTable data={rows} columns={columns} getRowId={(d) => `${d.record}:${d.recordId}`} rowTestId="difference-row" rowProps={(d) => ({ "data-reference": d.reference })} labelledBy={labelledBy} />;
}

export type BalanceDifference = { merchantId: string; merchantName: string; wechatMinor: number; ledgerMinor: number; differenceMinor: number; checkedAt: Date };

const balance = createColumnHelper<BalanceDifference>();

/** Merchants whose last WeChat balance differs from the console ledger. */
export function BalanceDifferencesTable({ rows, labelledBy }: { rows: BalanceDifference[]; labelledBy: string }) {
  const t = useTranslations("funds.reconciliation");
  const locale = useLocale();
  const columns = [
    balance.accessor("merchantName", { header: t("merchant"), cell: (info) => <span className="font-medium sm:font-normal">{info.getValue()}</span>, meta: { phone: "key" } }),
    balance.accessor("wechatMinor", { header: t("wechatBalance"), cell: (info) => <span className="whitespace-nowrap tabular-nums">{formatMoney(info.getValue(), "CNY", locale)}</span>, meta: { align: "right" } }),
    balance.accessor("ledgerMinor", { header: t("ledgerBalance"), cell: (info) => <span className="whitespace-nowrap tabular-nums">{formatMoney(info.getValue(), "CNY", locale)}</span>, meta: { align: "right" } }),
    balance.accessor("differenceMinor", {
      header: t("difference"),
      cell: (info) => <Badge tone="danger" data-testid="balance-difference">{`${info.getValue() > 0 ? "+" : "−"}${formatMoney(Math.abs(info.getValue()), "CNY", locale)}`}</Badge>,
      meta: { align: "right", phone: "key" },
    }),
    balance.accessor("checkedAt", { header: t("checkedAt"), cell: (info) => <span className="whitespace-nowrap">{formatDateTime(info.getValue(), locale)}</span> }),
    balance.display({
      id: "open",
      header: () => <span className="sr-only">{t("openMerchant")}</span>,
      cell: ({ row: { original: b } }) => <Link href={`/support/merchants/${b.merchantId}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">{t("openMerchant")}</Link>,
      meta: { phone: "key" },
    }),
  ];
  return <DataTable data={rows} columns={columns} getRowId={(b) => b.merchantId} rowTestId="balance-difference-row" labelledBy={labelledBy} />;
}
