import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { QueueFilters } from "@/components/review/queue-filters";
import { QueueTable } from "@/components/review/queue-table";
import { UnknownStateAlerts } from "@/components/review/unknown-state-alerts";
import { EmptyState, ResultCount } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager, pageHref } from "@/components/ui/pager";
import { requirePageUser } from "@/lib/auth/guard";
import { listReviewQueue, queueFilterSchema } from "@/lib/review/queue";
import { listUnknownStateAlerts } from "@/lib/review/wechat-alerts";
import { getDb } from "@/lib/runtime/db";
import { firstValues, type SearchParams } from "@/lib/server/search-params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review.queue"))("title") };
}

export default async function ReviewQueuePage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageUser("support");
  const params = firstValues(await searchParams);
  const filter = queueFilterSchema.parse(params);
  const db = await getDb();
  const [page, alerts] = await Promise.all([listReviewQueue(db, filter), listUnknownStateAlerts(db)]);
  const t = await getTranslations("review.queue");
  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-4">
      <PageHeader title={t("title")} intro={t("intro")} />
      <UnknownStateAlerts alerts={alerts} />
      <QueueFilters filter={filter} />
      <ResultCount testId="queue-count">{t("count", { count: page.total })}</ResultCount>
      {page.rows.length === 0 ? <EmptyState title={t("empty")} hint={t("emptyHint")} /> : <QueueTable rows={page.rows} now={new Date()} />}
      <Pager
        label={t("pagination")}
        previous={page.previous ? pageHref("/support/review", params, { before: page.previous }) : null}
        next={page.next ? pageHref("/support/review", params, { after: page.next }) : null}
        labels={{ previous: t("previous"), next: t("next") }}
      />
    </section>
  );
}
