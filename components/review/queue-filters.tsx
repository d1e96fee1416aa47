import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { organizationTypes, queueStatusFilters, type QueueFilter } from "@/lib/review/queue";

/** A plain GET form: the filters live in the URL, so a view can be bookmarked and shared. */
export function QueueFilters({ filter }: { filter: QueueFilter }) {
  const t = useTranslations("review");
  const tw = useTranslations("wizard.orgTypes");
  return (
    <form method="get" action="/support/review" role="search" aria-label={t("queue.filters")} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6">
      <div className="flex flex-col gap-1 sm:col-span-2 lg:col-span-2">
        <label htmlFor="q" className="text-sm font-medium text-slate-800">{t("queue.search")}</label>
        <input id="q" name="q" type="search" defaultValue={filter.q ?? ""} aria-describedby="q-hint" className={inputClass} />
        <p id="q-hint" className="text-xs text-slate-600">{t("queue.searchHint")}</p>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="status" className="text-sm font-medium text-slate-800">{t("queue.status")}</label>
        <select id="status" name="status" defaultValue={filter.status} className={inputClass}>
          {Object.keys(queueStatusFilters).map((key) => (
            <option key={key} value={key}>{t(`queue.statusFilter.${key as keyof typeof queueStatusFilters}`)}</option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="type" className="text-sm font-medium text-slate-800">{t("queue.type")}</label>
        <select id="type" name="type" defaultValue={filter.type ?? ""} className={inputClass}>
          <option value="">{t("queue.typeAny")}</option>
          {organizationTypes.map((type) => (
            <option key={type} value={type}>{tw(`${type}.name`)}</option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="from" className="text-sm font-medium text-slate-800">{t("queue.from")}</label>
        <input id="from" name="from" type="date" defaultValue={filter.from ?? ""} className={inputClass} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="to" className="text-sm font-medium text-slate-800">{t("queue.to")}</label>
        <input id="to" name="to" type="date" defaultValue={filter.to ?? ""} className={inputClass} />
      </div>
      <div className="flex flex-col gap-1 lg:col-span-2">
        <label htmlFor="sort" className="text-sm font-medium text-slate-800">{t("queue.sort")}</label>
        <select id="sort" name="sort" defaultValue={filter.sort} className={inputClass}>
          <option value="newest">{t("queue.sortNewest")}</option>
          <option value="oldest">{t("queue.sortOldest")}</option>
        </select>
      </div>
      <div className="flex flex-wrap items-end gap-3 sm:col-span-2 lg:col-span-4">
        <Button type="submit">{t("queue.apply")}</Button>
        <Link href="/support/review" className="inline-flex min-h-10 items-center rounded-md px-3 text-sm font-medium text-brand-800 underline">{t("queue.reset")}</Link>
      </div>
    </form>
  );
}
