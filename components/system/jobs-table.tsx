"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { DataTable, type Column } from "@/components/ui/table";
import type { JobState } from "@/lib/jobs/status";

export type JobRow = {
  name: string;
  everyMs: number;
  state: JobState;
  lastStartedAt: Date | null;
  lastDurationMs: number | null;
  lastRows: number | null;
  nextRunAt: Date | null;
  runs: number;
  failures: number;
  consecutiveFailures: number;
  lastError: string | null;
  lastErrorAt: Date | null;
};

const tones: Record<JobState, BadgeTone> = { ok: "success", failing: "danger", running: "progress", never: "neutral", off: "waiting" };

/** A job's translated label; a job registered without one shows its name. */
export function useJobLabel() {
  const t = useTranslations("system.jobs.names");
  return (name: string) => {
    const key = name.replaceAll(".", "_");
    return t.has(key as never) ? t(key as never) : name;
  };
}

/** The interval in its largest whole unit (3 s, 10 min, 1 d). */
function useInterval() {
  const format = useFormatter();
  return (ms: number) => {
    const units = [["day", 86_400_000], ["hour", 3_600_000], ["minute", 60_000], ["second", 1_000]] as const;
    const [unit, size] = units.find(([, size]) => ms >= size && ms % size === 0) ?? ["second", 1_000];
    return format.number(ms / size, { style: "unit", unit, unitDisplay: "short" });
  };
}

/** The registered jobs with their last run: a table on wide screens, a card per job on phones. */
export function JobsTable({ rows, now }: { rows: JobRow[]; now: Date }) {
  const t = useTranslations("system.jobs");
  const format = useFormatter();
  const label = useJobLabel();
  const interval = useInterval();
  const time = (at: Date | null) => (at ? <time dateTime={at.toISOString()} className="whitespace-nowrap">{format.dateTime(at, { dateStyle: "short", timeStyle: "medium" })}</time> : t("never"));
  const columns: Column<JobRow>[] = [
    {
      id: "name",
      header: t("columns.job"),
      cell: (r) => (
        <span className="font-medium">
          {label(r.name)}
          <span className="block text-xs font-normal text-slate-600">
            <code>{r.name}</code> · {t("every", { interval: interval(r.everyMs) })}
          </span>
        </span>
      ),
      phone: "key",
    },
    { id: "state", header: t("columns.state"), cell: (r) => <Badge tone={tones[r.state]} data-job-state={r.state}>{t(`states.${r.state}`)}</Badge>, phone: "key" },
    { id: "lastStartedAt", header: t("columns.lastRun"), cell: (r) => time(r.lastStartedAt) },
    { id: "lastDurationMs", header: t("columns.duration"), cell: (r) => (r.lastDurationMs === null ? "—" : t("durationMs", { ms: r.lastDurationMs })), align: "right" },
    { id: "lastRows", header: t("columns.rows"), cell: (r) => (r.lastRows === null ? "—" : format.number(r.lastRows)), align: "right" },
    { id: "nextRunAt", header: t("columns.nextRun"), cell: (r) => (r.nextRunAt && r.nextRunAt > now ? time(r.nextRunAt) : t("due")) },
    { id: "failures", header: t("columns.failures"), cell: (r) => t("failures", { total: r.failures, inARow: r.consecutiveFailures }) },
    {
      id: "lastError",
      header: t("columns.lastError"),
      cell: (r) =>
        r.lastError ? (
          <span className="block max-w-xs">
            <code className="break-words text-xs text-red-900">{r.lastError}</code>
            <span className="block text-xs text-slate-600">{time(r.lastErrorAt)}</span>
          </span>
        ) : (
          t("none")
        ),
    },
  ];
  return <DataTable data={rows} columns={columns} getRowId={(r) => r.name} label={t("title")} rowTestId="job-row" rowProps={(r) => ({ "data-job": r.name })} />;
}

/** The jobs whose last error is recorded, most recent first. */
export function JobErrors({ rows }: { rows: JobRow[] }) {
  const t = useTranslations("system.errors");
  const format = useFormatter();
  const label = useJobLabel();
  return (
    <ul className="flex flex-col gap-2" data-testid="job-errors">
      {rows.map((r) => (
        <li key={r.name} className="rounded-lg border border-red-200 bg-white p-3">
          <p className="text-sm font-medium">{t("at", { job: label(r.name), time: format.dateTime(r.lastErrorAt!, { dateStyle: "short", timeStyle: "medium" }) })}</p>
          <code className="mt-1 block break-words text-xs text-red-900">{r.lastError}</code>
        </li>
      ))}
    </ul>
  );
}
