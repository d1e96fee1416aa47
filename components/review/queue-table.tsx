"use client";

import { Link } from "@/components/ui/link";
import { useFormatter, useTranslations } from "next-intl";
import { ApplicationStatusBadge } from "@/components/ui/status-badge";
import { DataTable, type Column } from "@/components/ui/table";
import type { QueueRow } from "@/lib/review/queue";
import { Waited } from "./waited";

/** The review queue: a table on wide screens, a card per application on phones. */
export function QueueTable({ rows, now }: { rows: QueueRow[]; now: Date }) {
  const t = useTranslations("review");
  const tw = useTranslations("wizard.orgTypes");
  const format = useFormatter();
  const typeLabel = (type: string | null) => (type && tw.has(`${type}.name` as never) ? tw(`${type}.name` as never) : t("unknownType"));
  const columns: Column<QueueRow>[] = [
    {
      id: "merchantName",
      header: t("queue.columns.merchant"),
      cell: (row) => (
        <>
          <Link href={`/support/review/${row.id}`} className="font-medium text-brand-800 underline underline-offset-2 sm:no-underline sm:hover:underline" aria-label={t("queue.open", { merchant: row.merchantName })}>
            {row.merchantName}
          </Link>
          {row.merchantShortname ? <div className="text-xs text-slate-600">{row.merchantShortname}</div> : null}
        </>
      ),
      phone: "key",
    },
    { id: "organizationType", header: t("queue.columns.type"), cell: (r) => typeLabel(r.organizationType) },
    { id: "status", header: t("queue.columns.status"), cell: (r) => <ApplicationStatusBadge status={r.status} />, phone: "key" },
    { id: "submittedAt", header: t("queue.columns.submitted"), cell: (r) => <span className="whitespace-nowrap">{format.dateTime(r.submittedAt, { dateStyle: "medium", timeStyle: "short" })}</span> },
    { id: "waited", header: t("queue.columns.waited"), cell: (row) => <span className="whitespace-nowrap tabular-nums">{row.status === "pending_review" ? <Waited since={row.submittedAt} now={now} /> : "—"}</span> },
    {
      id: "id",
      header: t("queue.columns.application"),
      cell: (row) => (
        <span>
          <code className="text-xs text-slate-700">{row.id.slice(0, 8)}</code>
          <span className="block text-xs text-slate-600">{t("queue.revision", { revision: row.currentRevision })}</span>
        </span>
      ),
    },
  ];
  return <DataTable data={rows} columns={columns} getRowId={(r) => r.id} label={t("queue.title")} rowProps={(r) => ({ "data-application-id": r.id })} />;
}
