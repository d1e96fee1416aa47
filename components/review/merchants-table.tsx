"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { ApplicationStatusBadge } from "@/components/ui/status-badge";
import { DataTable } from "@/components/ui/table";
import type { MerchantListRow } from "@/lib/review/merchants";

const column = createColumnHelper<MerchantListRow>();

/** Every merchant with where its application stands; a card per merchant on phones. */
export function MerchantsTable({ rows, manageLabel }: { rows: MerchantListRow[]; manageLabel: string }) {
  const t = useTranslations("review.merchants");
  const format = useFormatter();
  const columns = [
    column.accessor("name", { header: t("columns.merchant"), cell: (info) => <span className="font-semibold">{info.getValue()}</span>, meta: { phone: "key" } }),
    column.accessor("status", {
      header: t("columns.status"),
      cell: ({ row: { original: m } }) => (
        <span className="flex flex-col items-start gap-1">
          {m.status ? <ApplicationStatusBadge status={m.status} /> : <Badge>{t("noApplication")}</Badge>}
          {m.subMchid ? <span className="text-xs" data-testid="merchant-sub-mchid">{t("subMchid")} <code className="font-mono">{m.subMchid}</code></span> : null}
        </span>
      ),
      meta: { phone: "key" },
    }),
    column.accessor("appid", { header: t("columns.miniProgram"), cell: ({ row: { original: m } }) => <span className="break-all">{m.miniProgramNickname} · <code className="text-xs">{m.appid}</code></span> }),
    column.accessor("submittedAt", { header: t("columns.submitted"), cell: (info) => { const at = info.getValue(); return at ? format.dateTime(at, { dateStyle: "medium", timeStyle: "short" }) : "—"; } }),
    column.display({
      id: "links",
      header: () => <span className="sr-only">{t("columns.actions")}</span>,
      cell: ({ row: { original: m } }) => (
        <span className="flex flex-wrap gap-4 whitespace-nowrap">
          {m.applicationId && m.revision ? <Link href={`/support/review/${m.applicationId}`} className="font-medium text-brand-800 underline">{t("review")}</Link> : null}
          <Link href={`/support/audit?merchant=${m.id}`} className="font-medium text-brand-800 underline">{t("audit")}</Link>
          <Link href={`/support/merchants/${m.id}`} className="font-medium text-brand-800 underline">{manageLabel}</Link>
        </span>
      ),
      meta: { phone: "key" },
    }),
  ];
  return <DataTable data={rows} columns={columns} getRowId={(r) => r.id} label={t("title")} rowProps={(r) => ({ "data-merchant-id": r.id })} />;
}
