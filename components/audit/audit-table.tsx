"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { DataTable } from "@/components/ui/table";
import type { AuditRow } from "@/lib/audit/list-audit";
import { fieldLabelFor } from "@/lib/i18n/field-labels";

const column = createColumnHelper<AuditRow>();

/** Audit entries: a table on wide screens, a card per entry on phones. */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  const t = useTranslations("audit");
  const format = useFormatter();
  const tAll = useTranslations();
  const action = (a: string) => (t.has(`actions.${a}` as never) ? t(`actions.${a}` as never) : a);
  const columns = [
    column.accessor("createdAt", { header: t("columns.time"), cell: (info) => <span className="whitespace-nowrap">{format.dateTime(info.getValue(), { dateStyle: "medium", timeStyle: "medium" })}</span> }),
    column.accessor("actorName", { header: t("columns.user"), cell: ({ row: { original: r } }) => <span>{r.actorName}<span className="block text-xs text-slate-600">{r.actorEmail}</span></span> }),
    column.accessor("action", { header: t("columns.action"), cell: (info) => <span className="font-medium sm:font-normal">{action(info.getValue())}</span>, meta: { phone: "key" } }),
    column.accessor("merchantName", {
      header: t("columns.merchant"),
      cell: ({ row: { original: r } }) => (
        <span>
          {r.merchantName ?? "—"}
          <span className="block text-xs">
            {r.subjectType === "application" ? <Link href={`/support/review/${r.subjectId}`} className="text-brand-800 underline">{t("openApplication")}</Link> : <code className="break-all">{r.subjectId}</code>}
          </span>
        </span>
      ),
    }),
    column.accessor("fieldPath", { header: t("columns.field"), cell: (info) => { const path = info.getValue(); return path ? <span className="break-words" title={path} data-field-path={path}>{fieldLabelFor(tAll, path)}</span> : "—"; } }),
    column.accessor("reason", { header: t("columns.reason"), cell: (info) => <span className="break-words">{info.getValue() ?? "—"}</span> }),
  ];
  return <DataTable data={rows} columns={columns} getRowId={(r) => r.id} label={t("title")} rowProps={(r) => ({ "data-audit-action": r.action })} />;
}
