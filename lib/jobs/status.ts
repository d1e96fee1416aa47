import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { jobRuns, type JobRun } from "@/db/schema";
import type { Job } from "./define";

export type JobStatus = { name: string; everyMs: number; enabled: boolean; run: JobRun | null };

/** Every given job with its recorded row (null until it first ran), in the order given. */
export async function jobStatuses(db: Db, jobs: readonly Job[]): Promise<JobStatus[]> {
  const rows = jobs.length ? await db.select().from(jobRuns).where(inArray(jobRuns.name, jobs.map((j) => j.name))) : [];
  const byName = new Map(rows.map((row) => [row.name, row]));
  return jobs.map((job) => ({ name: job.name, everyMs: job.everyMs, enabled: job.enabled(), run: byName.get(job.name) ?? null }));
}

export type JobState = "ok" | "failing" | "running" | "never" | "off";

/** What support reads first: turned off, running now, failing (in a row), healthy, or not run yet. */
export function jobState(status: JobStatus, now: Date): JobState {
  if (!status.enabled) return "off";
  const run = status.run;
  if (run && run.leasedUntil > now) return "running";
  if (!run?.lastFinishedAt) return "never";
  return run.consecutiveFailures > 0 ? "failing" : "ok";
}
