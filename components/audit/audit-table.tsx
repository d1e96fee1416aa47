import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { AuditRow } from "@/lib/audit/list-audit";

/** Audit entries: a table on wide screens, cards on phones. */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  const t = useTranslations("audit");
  const format = useFormatter();
  const action = (a: string) => (t.has(`actions.${a}` as never) ? t(`actions.${a}` as never) : a);
  const time = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "medium" });
  const subject = (r: AuditRow) =>
    r.subjectType === "application" ? (
      <Link href={`/support/review/${r.subjectId}`} className="text-brand-800 underline">{t("openApplication")}</Link>
    ) : (
      <code className="text-xs">{r.subjectId}</code>
    );
  return (
    <>
      <table className="hidden w-full border-collapse overflow-hidden rounded-lg border border-slate-200 bg-white text-sm md:table">
        <thead className="bg-slate-100 text-left text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">{t("columns.time")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("columns.user")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("columns.action")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("columns.merchant")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("columns.field")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("columns.reason")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-slate-200 align-top" data-audit-action={r.action}>
              <td className="whitespace-nowrap px-3 py-2">{time(r.createdAt)}</td>
              <td className="px-3 py-2">{r.actorName}<div className="text-xs text-slate-600">{r.actorEmail}</div></td>
              <td className="px-3 py-2">{action(r.action)}</td>
              <td className="px-3 py-2">{r.merchantName ?? "—"}<div className="text-xs">{subject(r)}</div></td>
              <td className="px-3 py-2"><code className="break-all text-xs">{r.fieldPath ?? "—"}</code></td>
              <td className="px-3 py-2 break-words">{r.reason ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="flex flex-col gap-3 md:hidden">
        {rows.map((r) => (
          <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-audit-action={r.action}>
            <div className="flex flex-wrap justify-between gap-2">
              <span className="font-medium">{action(r.action)}</span>
              <span className="text-xs text-slate-600">{time(r.createdAt)}</span>
            </div>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
              <dt className="text-slate-600">{t("columns.user")}</dt>
              <dd>{r.actorName}</dd>
              <dt className="text-slate-600">{t("columns.merchant")}</dt>
              <dd>{r.merchantName ?? "—"} · {subject(r)}</dd>
              {r.fieldPath ? <><dt className="text-slate-600">{t("columns.field")}</dt><dd><code className="break-all text-xs">{r.fieldPath}</code></dd></> : null}
              {r.reason ? <><dt className="text-slate-600">{t("columns.reason")}</dt><dd className="break-words">{r.reason}</dd></> : null}
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
