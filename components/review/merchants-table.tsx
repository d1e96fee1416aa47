"use client";

import { Link } from "@/components/ui/link";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { ApplicationStatusBadge } from "@/components/ui/status-badge";
import { DataTable, type Column } from "@/components/ui/table";
import type { MerchantListRow } from "@/lib/review/merchants";

/** Every merchant with where its application stands; a card per merchant on phones. */
export function MerchantsTable({ rows, manageLabel }: { rows: MerchantListRow[]; manageLabel: string }) {
  const t = useTranslations("review.merchants");
  const format = useFormatter();
  const columns: Column<MerchantListRow>[] = [
    { id: "name", header: t("columns.merchant"), cell: (r) => <span className="font-semibold">{r.name}</span>, phone: "key" },
    {
      id: "status",
      header: t("columns.status"),
      cell: (m) => (
        <span className="flex flex-col items-start gap-1">
          {m.status ? <ApplicationStatusBadge status={m.status} /> : <Badge>{t("noApplication")}</Badge>}
          {m.subMchid ? <span className="text-xs" data-testid="merchant-sub-mchid">{t("subMchid")} <code className="font-mono">{m.subMchid}</code></span> : null}
        </span>
      ),
      phone: "key",
    },
    { id: "appid", header: t("columns.miniProgram"), cell: (m) => <span className="break-all">{m.miniProgramNickname} · <code className="text-xs">{m.appid}</code></span> },
    { id: "submittedAt", header: t("columns.submitted"), cell: (r) => (r.submittedAt ? format.dateTime(r.submittedAt, { dateStyle: "medium", timeStyle: "short" }) : "—") },
    {
      id: "links",
      header: <span className="sr-only">{t("columns.actions")}</span>,
      cell: (m) => (
        <span className="flex flex-wrap gap-4 whitespace-nowrap">
          {m.applicationId && m.revision ? <Link href={`/support/review/${m.applicationId}`} className="font-medium text-brand-800 underline">{t("review")}</Link> : null}
          <Link href={`/support/audit?merchant=${m.id}`} className="font-medium text-brand-800 underline">{t("audit")}</Link>
          <Link href={`/support/merchants/${m.id}`} className="font-medium text-brand-800 underline">{manageLabel}</Link>
        </span>
      ),
      phone: "key",
    },
  ];
  return <DataTable data={rows} columns={columns} getRowId={(r) => r.id} label={t("title")} rowProps={(r) => ({ "data-merchant-id": r.id })} />;
}
