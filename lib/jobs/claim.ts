import { randomUUID } from "node:crypto";
import { and, eq, lt, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { jobRuns, type JobRun } from "@/db/schema";
import { nextDelayMs } from "./backoff";

export type Lease = { name: string; owner: string; startedAt: Date; consecutiveFailures: number };

/**
 * Takes the job's lease when it is due and nobody holds it: one conditional upsert, so of any
 * number of processes claiming at once exactly one gets the row back. Null when not ours to run.
 */
export async function claimJob(db: Db, name: string, options: { now: Date; leaseMs: number }): Promise<Lease | null> {
  const { now, leaseMs } = options;
  const owner = randomUUID();
  const lease = { leasedUntil: new Date(now.getTime() + leaseMs), leaseOwner: owner, lastStartedAt: now };
  // Insert-or-take in one statement: a first run creates the row already leased; later runs take it
  // only when it is due and free, and the row lock makes every other concurrent claim see it taken.
  const [row] = await db
    .insert(jobRuns)
    .values({ name, nextRunAt: now, runs: 1, ...lease })
    .onConflictDoUpdate({
      target: jobRuns.name,
      set: { ...lease, runs: sql`${jobRuns.runs} + 1` },
      setWhere: and(lt(jobRuns.leasedUntil, now), lte(jobRuns.nextRunAt, now)),
    })
    .returning({ consecutiveFailures: jobRuns.consecutiveFailures });
  return row ? { name, owner, startedAt: now, consecutiveFailures: row.consecutiveFailures } : null;
}

/** Records a run's outcome, schedules the next one (backing off after failures) and frees the lease. */
export async function finishJob(
  db: Db,
  lease: Lease,
  outcome: { finishedAt: Date; everyMs: number; rows?: number; error?: string },
): Promise<JobRun | undefined> {
  const { finishedAt, everyMs, rows, error } = outcome;
  const consecutive = error === undefined ? 0 : lease.consecutiveFailures + 1;
  const durationMs = Math.max(0, finishedAt.getTime() - lease.startedAt.getTime());
  const [row] = await db
    .update(jobRuns)
    .set({
      leasedUntil: new Date(0),
      leaseOwner: null,
      lastFinishedAt: finishedAt,
      lastDurationMs: durationMs,
      nextRunAt: new Date(finishedAt.getTime() + nextDelayMs(everyMs, consecutive)),
      consecutiveFailures: consecutive,
      ...(error === undefined
        ? { lastRows: rows ?? null }
        : { lastRows: null, lastError: error.slice(0, 500), lastErrorAt: finishedAt, failures: sql`${jobRuns.failures} + 1` }),
    })
    .where(and(eq(jobRuns.name, lease.name), eq(jobRuns.leaseOwner, lease.owner)))
    .returning();
  return row;
}
