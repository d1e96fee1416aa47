import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { BalanceDifferencesTable, DifferencesTable } from "@/components/funds/reconciliation-tables";
import { EmptyState, ResultCount } from "@/components/ui/empty-state";
import { Field, Input, inputClass } from "@/components/ui/field";
import { FilterBar, ResetLink } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { differingBalances } from "@/lib/funds/balance-check";
import { findDifferences, importSummary, merchantChoices, reconciliationRangeSchema } from "@/lib/funds/reconciliation";
import { formatDateTime } from "@/lib/money/format";
import { getDb } from "@/lib/runtime/db";
import { firstValues, type SearchParams } from "@/lib/server/search-params";
import { chinaToday } from "@/lib/time/china-time";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("funds.reconciliation"))("title") };
}

/** The China day `days` before `day`. */
const daysBefore = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

export default async function ReconciliationPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageUser("support");
  const params = firstValues(await searchParams);
  const t = await getTranslations("funds.reconciliation");
  const locale = await getLocale();
  const today = chinaToday();
  // The last seven China days by default; what was typed stays in the form, valid or not.
  const raw = { from: params.from ?? daysBefore(today, 6), to: params.to ?? today, merchantId: params.merchant };
  const parsed = reconciliationRangeSchema.safeParse(raw);
  const errors: Partial<Record<"from" | "to" | "merchant", string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === "merchantId" ? "merchant" : issue.path[0] === "from" ? "from" : "to";
      errors[field] ??= field === "merchant" ? t("badMerchant") : issue.message === "funds.reconciliation.range" ? t("range") : t("badDate");
    }
  }
  const db = await getDb();
  const [choices, summary, differences, balances] = await Promise.all([
    merchantChoices(db),
    importSummary(db),
    parsed.success ? findDifferences(db, parsed.data) : Promise.resolve([]),
    differingBalances(db, { merchantId: parsed.success ? parsed.data.merchantId : undefined }),
  ]);
  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-4">
      <PageHeader title={t("title")} intro={t("intro")} />
      <p className="text-sm text-slate-700" data-testid="import-summary">
        {summary.last ? `${t("days", { count: summary.days })} · ${t("importedAt", { time: formatDateTime(summary.last, locale) })}` : t("notImported")}
      </p>
      <FilterBar action="/support/reconciliation" label={t("filters")} apply={t("apply")} reset={<ResetLink href="/support/reconciliation">{t("reset")}</ResetLink>} className="lg:grid-cols-3">
        <Field id="merchant" label={t("merchant")} error={errors.merchant}>
          <select id="merchant" name="merchant" defaultValue={raw.merchantId ?? ""} className={inputClass} aria-invalid={errors.merchant ? true : undefined} aria-describedby={errors.merchant ? "merchant-error" : undefined}>
            <option value="">{t("merchantAny")}</option>
            {choices.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </select>
        </Field>
        <Field id="from" label={t("from")} error={errors.from}>
          <Input id="from" name="from" type="date" defaultValue={raw.from} aria-invalid={errors.from ? true : undefined} aria-describedby={errors.from ? "from-error" : undefined} />
        </Field>
        <Field id="to" label={t("to")} error={errors.to}>
          <Input id="to" name="to" type="date" defaultValue={raw.to} aria-invalid={errors.to ? true : undefined} aria-describedby={errors.to ? "to-error" : undefined} />
        </Field>
      </FilterBar>
      {parsed.success ? null : <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">{t("invalid")}</p>}

      <section aria-labelledby="balances-title" className="flex flex-col gap-2">
        <h2 id="balances-title" className="text-lg font-semibold">{t("balancesTitle")}</h2>
        <p className="text-sm text-slate-700">{t("balancesIntro")}</p>
        {balances.length === 0 ? (
          <EmptyState title={t("balancesEmpty")} />
        ) : (
          <BalanceDifferencesTable
            labelledBy="balances-title"
            rows={balances.map(({ check, merchantName }) => ({
              merchantId: check.merchantId,
              merchantName,
              wechatMinor: check.wechatAvailableMinor + check.wechatPendingMinor,
              ledgerMinor: check.ledgerAvailableMinor + check.ledgerPendingMinor,
              differenceMinor: check.differenceMinor,
              checkedAt: check.checkedAt,
            }))}
          />
        )}
      </section>

      <section aria-labelledby="differences-title" className="flex flex-col gap-2">
        <h2 id="differences-title" className="text-lg font-semibold">{t("differencesTitle")}</h2>
        {parsed.success ? <ResultCount testId="difference-count">{t("count", { count: differences.length })}</ResultCount> : null}
        {differences.length === 0 ? <EmptyState title={t("empty")} /> : <DifferencesTable rows={differences} labelledBy="differences-title" />}
      </section>
    </section>
  );
}
