"use client";

import { useLocale, useTranslations } from "next-intl";
import { Link } from "@/components/ui/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { DataTable, type Column } from "@/components/ui/table";
import type { Difference, DifferenceKind } from "@/lib/funds/reconciliation";
import { formatDateTime, formatMoney } from "@/lib/money/format";

const kindTones: Record<DifferenceKind, BadgeTone> = { console_only: "attention", wechat_only: "attention", amount_differs: "danger" };

/** Each difference with a link to its record: a table on wide screens, a card per difference on phones. */
export function DifferencesTable({ rows, labelledBy }: { rows: Difference[]; labelledBy: string }) {
  const t = useTranslations("funds.reconciliation");
  const locale = useLocale();
  const money = (minor: number | null) => (minor === null ? t("noAmount") : formatMoney(minor, "CNY", locale));
  const columns: Column<Difference>[] = [
    { id: "day", header: t("day"), cell: (r) => <span className="whitespace-nowrap tabular-nums">{r.day}</span> },
    { id: "merchantName", header: t("merchant"), cell: (r) => r.merchantName },
    { id: "kind", header: t("kind"), cell: (r) => <Badge tone={kindTones[r.kind]} data-testid="difference-kind">{t(`kinds.${r.kind}`)}</Badge>, phone: "key" },
    { id: "record", header: t("record"), cell: (r) => t(`records.${r.record}`) },
    { id: "reference", header: t("reference"), cell: (r) => <code className="break-all text-xs">{r.reference}</code> },
    { id: "consoleMinor", header: t("console"), cell: (r) => <span className="whitespace-nowrap tabular-nums" data-testid="console-amount">{money(r.consoleMinor)}</span>, align: "right" },
    { id: "wechatMinor", header: t("wechat"), cell: (r) => <span className="whitespace-nowrap tabular-nums" data-testid="wechat-amount">{money(r.wechatMinor)}</span>, align: "right" },
    {
      id: "open",
      header: <span className="sr-only">{t("open")}</span>,
      cell: (d) => (
        <Link href={`/support/reconciliation/${d.record}/${d.recordId}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
          {t("open")}<span className="sr-only"> {d.reference}</span>
        </Link>
      ),
      phone: "key",
    },
  ];
  return <DataTable data={rows} columns={columns} getRowId={(d) => `${d.record}:${d.recordId}`} rowTestId="difference-row" rowProps={(d) => ({ "data-reference": d.reference })} labelledBy={labelledBy} />;
}

export type BalanceDifference = { merchantId: string; merchantName: string; wechatMinor: number; ledgerMinor: number; differenceMinor: number; checkedAt: Date };

/** Merchants whose last WeChat balance differs from the console ledger. */
export function BalanceDifferencesTable({ rows, labelledBy }: { rows: BalanceDifference[]; labelledBy: string }) {
  const t = useTranslations("funds.reconciliation");
  const locale = useLocale();
  const columns: Column<BalanceDifference>[] = [
    { id: "merchantName", header: t("merchant"), cell: (r) => <span className="font-medium sm:font-normal">{r.merchantName}</span>, phone: "key" },
    { id: "wechatMinor", header: t("wechatBalance"), cell: (r) => <span className="whitespace-nowrap tabular-nums">{formatMoney(r.wechatMinor, "CNY", locale)}</span>, align: "right" },
    { id: "ledgerMinor", header: t("ledgerBalance"), cell: (r) => <span className="whitespace-nowrap tabular-nums">{formatMoney(r.ledgerMinor, "CNY", locale)}</span>, align: "right" },
    {
      id: "differenceMinor",
      header: t("difference"),
      cell: (r) => <Badge tone="danger" data-testid="balance-difference">{`${r.differenceMinor > 0 ? "+" : "−"}${formatMoney(Math.abs(r.differenceMinor), "CNY", locale)}`}</Badge>,
      align: "right",
      phone: "key",
    },
    { id: "checkedAt", header: t("checkedAt"), cell: (r) => <span className="whitespace-nowrap">{formatDateTime(r.checkedAt, locale)}</span> },
    {
      id: "open",
      header: <span className="sr-only">{t("openMerchant")}</span>,
      cell: (b) => <Link href={`/support/merchants/${b.merchantId}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">{t("openMerchant")}</Link>,
      phone: "key",
    },
  ];
  return <DataTable data={rows} columns={columns} getRowId={(b) => b.merchantId} rowTestId="balance-difference-row" labelledBy={labelledBy} />;
}
