import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MerchantsTable } from "@/components/review/merchants-table";
import { EmptyState, ResultCount } from "@/components/ui/empty-state";
import { Field, Input } from "@/components/ui/field";
import { FilterBar } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { Pager, pageHref } from "@/components/ui/pager";
import { MerchantProfileForm } from "@/components/accounts/merchant-form";
import { requirePageUser } from "@/lib/auth/guard";
import { listMerchantsWithStatus, merchantListFilterSchema } from "@/lib/review/merchants";
import { getDb } from "@/lib/runtime/db";
import { firstValues, type SearchParams } from "@/lib/server/search-params";
import { createMerchantAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review.merchants"))("title") };
}

export default async function MerchantsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageUser("support");
  const params = firstValues(await searchParams);
  const filter = merchantListFilterSchema.parse(params);
  const page = await listMerchantsWithStatus(await getDb(), filter);
  const t = await getTranslations("review.merchants");
  const manage = (await getTranslations("accounts.merchants"))("manage");
  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-4">
      <PageHeader title={t("title")} intro={t("intro")} />
      {user.role === "support_admin" ? <CreateMerchant /> : null}
      <FilterBar action="/support/merchants" label={t("search")} apply={t("apply")} className="lg:grid-cols-2">
        <Field id="q" label={t("search")} hint={t("searchHint")}>
          <Input id="q" name="q" type="search" defaultValue={filter.q ?? ""} aria-describedby="q-hint" />
        </Field>
      </FilterBar>
      <ResultCount>{t("count", { count: page.total })}</ResultCount>
      {page.rows.length === 0 ? <EmptyState title={t("empty")} /> : <MerchantsTable rows={page.rows} manageLabel={manage} />}
      <Pager
        label={t("title")}
        first={filter.after ? pageHref("/support/merchants", { q: filter.q }, {}) : null}
        next={page.next ? pageHref("/support/merchants", { q: filter.q }, { after: page.next }) : null}
        labels={{ first: t("first"), next: t("next") }}
      />
    </section>
  );
}

async function CreateMerchant() {
  const t = await getTranslations("accounts.merchants");
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer font-semibold">{t("create")}</summary>
      <p className="my-3 text-sm text-slate-700">{t("createIntro")}</p>
      <MerchantProfileForm action={createMerchantAction} idPrefix="new-merchant" />
    </details>
  );
}
