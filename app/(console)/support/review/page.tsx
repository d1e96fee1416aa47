import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Pager } from "@/components/review/pager";
import { QueueFilters } from "@/components/review/queue-filters";
import { QueueTable } from "@/components/review/queue-table";
import { requirePageUser } from "@/lib/auth/guard";
import { listReviewQueue, queueFilterSchema } from "@/lib/review/queue";
import { getDb } from "@/lib/server/db";
import { firstValues, type SearchParams } from "@/lib/server/search-params";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review.queue"))("title") };
}

export default async function ReviewQueuePage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageUser("support");
  const params = firstValues(await searchParams);
  const filter = queueFilterSchema.parse(params);
  const page = await listReviewQueue(await getDb(), filter);
  const t = await getTranslations("review.queue");
  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-4">
      <div>
        <h1 id="page-title" className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-slate-700">{t("intro")}</p>
      </div>
      <QueueFilters filter={filter} />
      <p className="text-sm text-slate-700" role="status" data-testid="queue-count">{t("count", { count: page.total })}</p>
      {page.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center">
          <p className="font-medium">{t("empty")}</p>
          <p className="mt-1 text-sm text-slate-600">{t("emptyHint")}</p>
        </div>
      ) : (
        <QueueTable rows={page.rows} now={new Date()} />
      )}
      <Pager basePath="/support/review" params={params} previous={page.previous} next={page.next} labels={{ nav: t("pagination"), previous: t("previous"), next: t("next") }} />
    </section>
  );
}
