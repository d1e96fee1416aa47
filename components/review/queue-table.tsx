"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { ApplicationStatusBadge } from "@/components/ui/status-badge";
import { DataTable } from "@/components/ui/table";
import type { QueueRow } from "@/lib/review/queue";
import { Waited } from "./waited";

const column = createColumnHelper<QueueRow>();

/** The review queue: a table on wide screens, a card per application on phones. */
export function QueueTable({ rows, now }: { rows: QueueRow[]; now: Date }) {
  const t = useTranslations("review");
  const tw = useTranslations("wizard.orgTypes");
  const format = useFormatter();
  const typeLabel = (type: string | null) => (type && tw.has(`${type}.name` as never) ? tw(`${type}.name` as never) : t("unknownType"));
  const columns = [
    column.accessor("merchantName", {
      header: t("queue.columns.merchant"),
      cell: ({ row: { original: row } }) => (
        <>
          <Link href={`/support/review/${row.id}`} className="font-medium text-brand-800 underline underline-offset-2 sm:no-underline sm:hover:underline" aria-label={t("queue.open", { merchant: row.merchantName })}>
            {row.merchantName}
          </Link>
          {row.merchantShortname ? <div className="text-xs text-slate-600">{row.merchantShortname}</div> : null}
        </>
      ),
      meta: { phone: "key" },
    }),
    column.accessor("organizationType", { header: t("queue.columns.type"), cell: (info) => typeLabel(info.getValue()) }),
    column.accessor("status", { header: t("queue.columns.status"), cell: (info) => <ApplicationStatusBadge status={info.getValue()} />, meta: { phone: "key" } }),
    column.accessor("submittedAt", { header: t("queue.columns.submitted"), cell: (info) => <span className="whitespace-nowrap">{format.dateTime(info.getValue(), { dateStyle: "medium", timeStyle: "short" })}</span> }),
    column.display({ id: "waited", header: t("queue.columns.waited"), cell: ({ row: { original: row } }) => <span className="whitespace-nowrap tabular-nums">{row.status === "pending_review" ? <Waited since={row.submittedAt} now={now} /> : "—"}</span> }),
    column.accessor("id", {
      header: t("queue.columns.application"),
      cell: ({ row: { original: row } }) => (
        <span>
          <code className="text-xs text-slate-700">{row.id.slice(0, 8)}</code>
          <span className="block text-xs text-slate-600">{t("queue.revision", { revision: row.currentRevision })}</span>
        </span>
      ),
    }),
  ];
  return <DataTable data={rows} columns={columns} getRowId={(r) => r.id} label={t("queue.title")} rowProps={(r) => ({ "data-application-id": r.id })} />;
}
