import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { QueueRow } from "@/lib/review/queue";
import { StatusBadge } from "./status-badge";
import { Waited } from "./waited";

/** The queue as a table on wide screens and as a list of cards on phones. */
export function QueueTable({ rows, now }: { rows: QueueRow[]; now: Date }) {
  const t = useTranslations("review");
  const tw = useTranslations("wizard.orgTypes");
  const format = useFormatter();
  const typeLabel = (type: string | null) => (type && tw.has(`${type}.name` as never) ? tw(`${type}.name` as never) : t("unknownType"));
  const submitted = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <table className="hidden w-full border-collapse overflow-hidden rounded-lg border border-slate-200 bg-white text-sm md:table">
        <thead className="bg-slate-100 text-left text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">{t("queue.columns.merchant")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("queue.columns.type")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("queue.columns.status")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("queue.columns.submitted")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("queue.columns.waited")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("queue.columns.application")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-t border-slate-200 hover:bg-slate-50" data-application-id={row.id}>
              <td className="px-3 py-2">
                <Link href={`/support/review/${row.id}`} className="font-medium text-brand-800 underline-offset-2 hover:underline" aria-label={t("queue.open", { merchant: row.merchantName })}>
                  {row.merchantName}
                </Link>
                {row.merchantShortname ? <div className="text-xs text-slate-600">{row.merchantShortname}</div> : null}
              </td>
              <td className="px-3 py-2">{typeLabel(row.organizationType)}</td>
              <td className="px-3 py-2"><StatusBadge status={row.status} /></td>
              <td className="px-3 py-2 whitespace-nowrap">{submitted(row.submittedAt)}</td>
              <td className="px-3 py-2 whitespace-nowrap tabular-nums">{row.status === "pending_review" ? <Waited since={row.submittedAt} now={now} /> : "—"}</td>
              <td className="px-3 py-2">
                <code className="text-xs text-slate-700">{row.id.slice(0, 8)}</code>
                <div className="text-xs text-slate-600">{t("queue.revision", { revision: row.currentRevision })}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="flex flex-col gap-3 md:hidden">
        {rows.map((row) => (
          <li key={row.id} className="rounded-lg border border-slate-200 bg-white p-3" data-application-id={row.id}>
            <div className="flex items-start justify-between gap-2">
              <Link href={`/support/review/${row.id}`} className="font-medium text-brand-800 underline" aria-label={t("queue.open", { merchant: row.merchantName })}>
                {row.merchantName}
              </Link>
              <StatusBadge status={row.status} />
            </div>
            <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
              {row.merchantShortname ? <><dt className="text-slate-600">{t("queue.columns.merchant")}</dt><dd>{row.merchantShortname}</dd></> : null}
              <dt className="text-slate-600">{t("queue.columns.type")}</dt>
              <dd>{typeLabel(row.organizationType)}</dd>
              <dt className="text-slate-600">{t("queue.columns.submitted")}</dt>
              <dd>{submitted(row.submittedAt)}</dd>
              {row.status === "pending_review" ? <><dt className="text-slate-600">{t("queue.columns.waited")}</dt><dd><Waited since={row.submittedAt} now={now} /></dd></> : null}
              <dt className="text-slate-600">{t("queue.columns.application")}</dt>
              <dd><code className="text-xs">{row.id.slice(0, 8)}</code> · {t("queue.revision", { revision: row.currentRevision })}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
