import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuditTable } from "@/components/audit/audit-table";
import { EmptyState, ResultCount } from "@/components/ui/empty-state";
import { Field, Input, inputClass } from "@/components/ui/field";
import { FilterBar, ResetLink } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { Pager, pageHref } from "@/components/ui/pager";
import { auditFilterSchema, listAuditLog, listSupportUsers } from "@/lib/audit/list-audit";
import { auditActions } from "@/lib/audit/write-audit";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/runtime/db";
import { firstValues, type SearchParams } from "@/lib/server/search-params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageUser("support");
  const params = firstValues(await searchParams);
  const filter = auditFilterSchema.parse(params);
  const db = await getDb();
  const [page, supportUsers] = await Promise.all([listAuditLog(db, filter), listSupportUsers(db)]);
  const t = await getTranslations("audit");
  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-4">
      <PageHeader title={t("title")} intro={t("intro")} />
      <FilterBar action="/support/audit" label={t("title")} apply={t("apply")} reset={<ResetLink href="/support/audit">{t("reset")}</ResetLink>} className="lg:grid-cols-3">
        <Field id="user" label={t("user")}>
          <select id="user" name="user" defaultValue={filter.user ?? ""} className={inputClass}>
            <option value="">{t("userAny")}</option>
            {supportUsers.map((u) => <option key={u.id} value={u.id}>{u.name} ({u.email})</option>)}
          </select>
        </Field>
        <Field id="merchant" label={t("merchant")} hint={t("merchantHint")}>
          <Input id="merchant" name="merchant" type="search" defaultValue={filter.merchant ?? ""} aria-describedby="merchant-hint" />
        </Field>
        <Field id="action" label={t("action")}>
          <select id="action" name="action" defaultValue={filter.action ?? ""} className={inputClass}>
            <option value="">{t("actionAny")}</option>
            {auditActions.map((a) => <option key={a} value={a}>{t(`actions.${a}`)}</option>)}
          </select>
        </Field>
      </FilterBar>
      <ResultCount>{t("count", { count: page.total })}</ResultCount>
      {page.rows.length === 0 ? <EmptyState title={t("empty")} /> : <AuditTable rows={page.rows} />}
      <Pager
        label={t("pagination")}
        previous={page.previous ? pageHref("/support/audit", params, { before: page.previous }) : null}
        next={page.next ? pageHref("/support/audit", params, { after: page.next }) : null}
        labels={{ previous: t("previous"), next: t("next") }}
      />
    </section>
  );
}
