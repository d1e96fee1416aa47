import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuditTable } from "@/components/audit/audit-table";
import { Pager } from "@/components/review/pager";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { auditFilterSchema, listAuditLog, listSupportUsers } from "@/lib/audit/list-audit";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/server/db";
import { firstValues, type SearchParams } from "@/lib/server/search-params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

const actions = ["reveal", "comment", "delete_comment", "request_changes", "approve"] as const;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageUser("support");
  const params = firstValues(await searchParams);
  const filter = auditFilterSchema.parse(params);
  const db = await getDb();
  const [page, supportUsers] = await Promise.all([listAuditLog(db, filter), listSupportUsers(db)]);
  const t = await getTranslations("audit");
  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-4">
      <div>
        <h1 id="page-title" className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-slate-700">{t("intro")}</p>
      </div>
      <form method="get" action="/support/audit" role="search" aria-label={t("title")} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
        <div className="flex flex-col gap-1">
          <label htmlFor="user" className="text-sm font-medium text-slate-800">{t("user")}</label>
          <select id="user" name="user" defaultValue={filter.user ?? ""} className={inputClass}>
            <option value="">{t("userAny")}</option>
            {supportUsers.map((u) => <option key={u.id} value={u.id}>{u.name} ({u.email})</option>)}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="merchant" className="text-sm font-medium text-slate-800">{t("merchant")}</label>
          <input id="merchant" name="merchant" type="search" defaultValue={filter.merchant ?? ""} aria-describedby="merchant-hint" className={inputClass} />
          <p id="merchant-hint" className="text-xs text-slate-600">{t("merchantHint")}</p>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="action" className="text-sm font-medium text-slate-800">{t("action")}</label>
          <select id="action" name="action" defaultValue={filter.action ?? ""} className={inputClass}>
            <option value="">{t("actionAny")}</option>
            {actions.map((a) => <option key={a} value={a}>{t(`actions.${a}`)}</option>)}
          </select>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <Button type="submit">{t("apply")}</Button>
          <Link href="/support/audit" className="inline-flex min-h-10 items-center px-2 text-sm font-medium text-brand-800 underline">{t("reset")}</Link>
        </div>
      </form>
      <p className="text-sm text-slate-700" role="status">{t("count", { count: page.total })}</p>
      {page.rows.length === 0 ? <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center">{t("empty")}</p> : <AuditTable rows={page.rows} />}
      <Pager basePath="/support/audit" params={params} previous={page.previous} next={page.next} labels={{ nav: t("pagination"), previous: t("previous"), next: t("next") }} />
    </section>
  );
}
