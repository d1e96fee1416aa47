import { useTranslations } from "next-intl";
import { Field, Input, inputClass } from "@/components/ui/field";
import { FilterBar, ResetLink } from "@/components/ui/filter-bar";
import { organizationTypes, queueStatusFilters, type QueueFilter } from "@/lib/review/queue";

export function QueueFilters({ filter }: { filter: QueueFilter }) {
  const t = useTranslations("review");
  const tw = useTranslations("wizard.orgTypes");
  return (
    <FilterBar action="/support/review" label={t("queue.filters")} apply={t("queue.apply")} reset={<ResetLink href="/support/review">{t("queue.reset")}</ResetLink>} className="lg:grid-cols-6">
      <Field id="q" label={t("queue.search")} hint={t("queue.searchHint")} className="sm:col-span-2">
        <Input id="q" name="q" type="search" defaultValue={filter.q ?? ""} aria-describedby="q-hint" />
      </Field>
      <Field id="status" label={t("queue.status")}>
        <select id="status" name="status" defaultValue={filter.status} className={inputClass}>
          {Object.keys(queueStatusFilters).map((key) => (
            <option key={key} value={key}>{t(`queue.statusFilter.${key as keyof typeof queueStatusFilters}`)}</option>
          ))}
        </select>
      </Field>
      <Field id="type" label={t("queue.type")}>
        <select id="type" name="type" defaultValue={filter.type ?? ""} className={inputClass}>
          <option value="">{t("queue.typeAny")}</option>
          {organizationTypes.map((type) => (
            <option key={type} value={type}>{tw(`${type}.name`)}</option>
          ))}
        </select>
      </Field>
      <Field id="from" label={t("queue.from")}>
        <Input id="from" name="from" type="date" defaultValue={filter.from ?? ""} />
      </Field>
      <Field id="to" label={t("queue.to")}>
        <Input id="to" name="to" type="date" defaultValue={filter.to ?? ""} />
      </Field>
      <Field id="sort" label={t("queue.sort")} className="lg:col-span-2">
        <select id="sort" name="sort" defaultValue={filter.sort} className={inputClass}>
          <option value="newest">{t("queue.sortNewest")}</option>
          <option value="oldest">{t("queue.sortOldest")}</option>
        </select>
      </Field>
    </FilterBar>
  );
}
