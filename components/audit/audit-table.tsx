"use client";

import { Link } from "@/components/ui/link";
import { useFormatter, useTranslations } from "next-intl";
import { DataTable, type Column } from "@/components/ui/table";
import type { AuditRow } from "@/lib/audit/list-audit";
import { fieldLabelFor } from "@/lib/i18n/field-labels";

/** Audit entries: a table on wide screens, a card per entry on phones. */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  const t = useTranslations("audit");
  const format = useFormatter();
  const tAll = useTranslations();
  const action = (a: string) => (t.has(`actions.${a}` as never) ? t(`actions.${a}` as never) : a);
  const columns: Column<AuditRow>[] = [
    { id: "createdAt", header: t("columns.time"), cell: (r) => <span className="whitespace-nowrap">{format.dateTime(r.createdAt, { dateStyle: "medium", timeStyle: "medium" })}</span> },
    { id: "actorName", header: t("columns.user"), cell: (r) => <span>{r.actorName}<span className="block text-xs text-slate-600">{r.actorEmail}</span></span> },
    { id: "action", header: t("columns.action"), cell: (r) => <span className="font-medium sm:font-normal">{action(r.action)}</span>, phone: "key" },
    {
      id: "merchantName",
      header: t("columns.merchant"),
      cell: (r) => (
        <span>
          {r.merchantName ?? "—"}
          <span className="block text-xs">
            {r.subjectType === "application" ? <Link href={`/support/review/${r.subjectId}`} className="text-brand-800 underline">{t("openApplication")}</Link> : <code className="break-all">{r.subjectId}</code>}
          </span>
        </span>
      ),
    },
    { id: "fieldPath", header: t("columns.field"), cell: (r) => (r.fieldPath ? <span className="break-words" title={r.fieldPath} data-field-path={r.fieldPath}>{fieldLabelFor(tAll, r.fieldPath)}</span> : "—") },
    { id: "reason", header: t("columns.reason"), cell: (r) => <span className="break-words">{r.reason ?? "—"}</span> },
  ];
  return <DataTable data={rows} columns={columns} getRowId={(r) => r.id} label={t("title")} rowProps={(r) => ({ "data-audit-action": r.action })} />;
}
