import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/review/status-badge";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { requirePageUser } from "@/lib/auth/guard";
import { listMerchantsWithStatus, merchantListFilterSchema } from "@/lib/review/merchants";
import { getDb } from "@/lib/server/db";
import { firstValues, type SearchParams } from "@/lib/server/search-params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review.merchants"))("title") };
}

export default async function MerchantsPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageUser("support");
  const params = firstValues(await searchParams);
  const filter = merchantListFilterSchema.parse(params);
  const page = await listMerchantsWithStatus(await getDb(), filter);
  const t = await getTranslations("review.merchants");
  const format = await getFormatter();
  const nextHref = page.next ? `/support/merchants?${new URLSearchParams({ ...(filter.q ? { q: filter.q } : {}), after: page.next })}` : null;
  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-4">
      <div>
        <h1 id="page-title" className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-slate-700">{t("intro")}</p>
      </div>
      <form method="get" action="/support/merchants" role="search" aria-label={t("search")} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 sm:flex-row sm:items-end">
        <div className="flex flex-1 flex-col gap-1">
          <label htmlFor="q" className="text-sm font-medium text-slate-800">{t("search")}</label>
          <input id="q" name="q" type="search" defaultValue={filter.q ?? ""} aria-describedby="q-hint" className={inputClass} />
          <p id="q-hint" className="text-xs text-slate-600">{t("searchHint")}</p>
        </div>
        <Button type="submit" className="sm:mb-5">{t("apply")}</Button>
      </form>
      <p className="text-sm text-slate-700" role="status">{t("count", { count: page.total })}</p>
      {page.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center">{t("empty")}</p>
      ) : (
        <ul className="grid gap-3 lg:grid-cols-2">
          {page.rows.map((m) => (
            <li key={m.id} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4" data-merchant-id={m.id}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <h2 className="font-semibold">{m.name}</h2>
                {m.status ? <StatusBadge status={m.status} /> : <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{t("noApplication")}</span>}
              </div>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                <dt className="text-slate-600">{t("columns.miniProgram")}</dt>
                <dd className="break-all">{m.miniProgramNickname} · <code className="text-xs">{m.appid}</code></dd>
                <dt className="text-slate-600">{t("columns.submitted")}</dt>
                <dd>{m.submittedAt ? format.dateTime(m.submittedAt, { dateStyle: "medium", timeStyle: "short" }) : "—"}</dd>
              </dl>
              <div className="flex flex-wrap gap-4 text-sm">
                {m.applicationId && m.revision ? <Link href={`/support/review/${m.applicationId}`} className="font-medium text-brand-800 underline">{t("review")}</Link> : null}
                <Link href={`/support/audit?merchant=${m.id}`} className="font-medium text-brand-800 underline">{t("audit")}</Link>
              </div>
            </li>
          ))}
        </ul>
      )}
      <nav aria-label={t("title")} className="flex justify-between gap-3">
        {filter.after ? <Link href={`/support/merchants${filter.q ? `?q=${encodeURIComponent(filter.q)}` : ""}`} className="inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium">← {t("first")}</Link> : <span />}
        {nextHref ? <Link href={nextHref} className="inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium" rel="next">{t("next")} →</Link> : null}
      </nav>
    </section>
  );
}
