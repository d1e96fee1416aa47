import type { Db } from "@/db/client";
import { logger } from "@/lib/runtime/logger";
import { metrics } from "@/lib/runtime/metrics";
import { claimJob, finishJob } from "./claim";
import type { Job } from "./define";

export type RunOutcome = { ran: false } | { ran: true; rows?: number; error?: string; durationMs: number };

/**
 * Runs the job once if it is due and this caller wins its lease; records the outcome either way.
 * `now` is the clock of the run (tests move it); the duration is measured on the wall clock.
 */
export async function runJobOnce(db: Db, job: Job, options: { now?: Date } = {}): Promise<RunOutcome> {
  const now = options.now ?? new Date();
  const lease = await claimJob(db, job.name, { now, leaseMs: job.leaseMs });
  if (!lease) return { ran: false };
  const log = logger.child({ job: job.name });
  const started = performance.now();
  let rows: number | undefined;
  let error: string | undefined;
  try {
    const result = await job.run({ db, now, log });
    rows = result?.rows;
  } catch (caught) {
    error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
    log.error("job.failed", { error, consecutiveFailures: lease.consecutiveFailures + 1 });
  }
  const durationMs = Math.round(performance.now() - started);
  const m = metrics();
  m.jobRuns.inc({ job: job.name, outcome: error === undefined ? "ok" : "error" });
  m.jobDuration.observe({ job: job.name }, durationMs / 1000);
  if (rows) m.jobRows.inc({ job: job.name }, rows);
  await finishJob(db, lease, { finishedAt: new Date(now.getTime() + durationMs), everyMs: job.everyMs, rows, error });
  if (rows) log.info("job.done", { rows, durationMs });
  return { ran: true, rows, error, durationMs };
}

const globalForRunner = globalThis as unknown as { __jobRunner?: { timer: NodeJS.Timeout; running: Set<string> } };

/**
 * The one background timer of a process: every `tickMs` it starts each enabled job that is not
 * already running here; the lease keeps other processes off it. Started once at boot.
 */
export function startJobRunner(getDb: () => Promise<Db>, jobs: readonly Job[], options: { tickMs?: number } = {}): void {
  if (globalForRunner.__jobRunner) return;
  const running = new Set<string>();
  const tick = async () => {
    let db: Db;
    try {
      db = await getDb();
    } catch (error) {
      logger.warn("jobs.no_database", { error: String(error) });
      return;
    }
    for (const job of jobs) {
      if (running.has(job.name) || !job.enabled()) continue;
      running.add(job.name);
      void runJobOnce(db, job)
        .catch((error) => logger.error("jobs.claim_failed", { job: job.name, error: String(error) }))
        .finally(() => running.delete(job.name));
    }
  };
  const timer = setInterval(() => void tick(), options.tickMs ?? 1000);
  timer.unref();
  globalForRunner.__jobRunner = { timer, running };
}

/** Stops the timer (tests and shutdown); runs in flight finish on their own. */
export function stopJobRunner(): void {
  if (!globalForRunner.__jobRunner) return;
  clearInterval(globalForRunner.__jobRunner.timer);
  globalForRunner.__jobRunner = undefined;
}
