import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { JobErrors, JobsTable, type JobRow } from "@/components/system/jobs-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { backlogQueues, countBacklogs } from "@/lib/boot/backlogs";
import { registeredJobs } from "@/lib/boot/jobs";
import { jobState, jobStatuses } from "@/lib/jobs/status";
import { getDb } from "@/lib/runtime/db";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("system"))("title") };
}

// Read from the database on every visit: the page reports, it never runs a job.
export const dynamic = "force-dynamic";

export default async function SystemPage() {
  await requirePageUser("support");
  const db = await getDb();
  const [statuses, backlogs] = await Promise.all([jobStatuses(db, registeredJobs), countBacklogs(db)]);
  const now = new Date();
  const rows: JobRow[] = statuses.map((s) => ({
    name: s.name,
    everyMs: s.everyMs,
    state: jobState(s, now),
    lastStartedAt: s.run?.lastStartedAt ?? null,
    lastDurationMs: s.run?.lastDurationMs ?? null,
    lastRows: s.run?.lastRows ?? null,
    nextRunAt: s.run?.nextRunAt ?? null,
    runs: s.run?.runs ?? 0,
    failures: s.run?.failures ?? 0,
    consecutiveFailures: s.run?.consecutiveFailures ?? 0,
    lastError: s.run?.lastError ?? null,
    lastErrorAt: s.run?.lastErrorAt ?? null,
  }));
  const errors = rows.filter((r) => r.lastError && r.lastErrorAt).sort((a, b) => b.lastErrorAt!.getTime() - a.lastErrorAt!.getTime());
  const [t, format] = await Promise.all([getTranslations("system"), getFormatter()]);
  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-6">
      <PageHeader title={t("title")} intro={t("intro")} />
      <section aria-labelledby="jobs-title" className="flex flex-col gap-3">
        <h2 id="jobs-title" className="text-lg font-semibold">{t("jobs.title")}</h2>
        {rows.length === 0 ? <EmptyState title={t("jobs.empty")} /> : <JobsTable rows={rows} now={now} />}
      </section>
      <section aria-labelledby="backlogs-title" className="flex flex-col gap-3">
        <h2 id="backlogs-title" className="text-lg font-semibold">{t("backlogs.title")}</h2>
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          {backlogQueues.map((queue) => (
            <div key={queue} className="rounded-lg border border-slate-200 bg-white p-3" data-backlog={queue}>
              <dt className="text-sm text-slate-700">{t(`backlogs.queues.${queue}`)}</dt>
              <dd className="mt-1 text-2xl font-semibold tabular-nums">{format.number(backlogs[queue])}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="errors-title" className="flex flex-col gap-3">
        <h2 id="errors-title" className="text-lg font-semibold">{t("errors.title")}</h2>
        {errors.length === 0 ? (
          <EmptyState title={t("errors.empty")} />
        ) : (
          <JobErrors rows={errors} />
        )}
      </section>
    </section>
  );
}
