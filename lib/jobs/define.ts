import type { Db } from "@/db/client";
import type { Logger } from "@/lib/runtime/logger";

export type JobContext = {
  db: Db;
  /** The run's clock: pass it on instead of calling `new Date()`, so tests can move time. */
  now: Date;
  /** The logger with `job` already set. */
  log: Logger;
};

export type JobResult = { rows: number } | void;

export type JobDefinition = {
  /** Unique, stable, dotted (`wechat.submit`); the key of its row in job_runs. */
  name: string;
  /** Interval between the end of one successful run and the start of the next (a function when a setting decides it). */
  everyMs: number | (() => number);
  run: (ctx: JobContext) => Promise<JobResult>;
  /** How long a run may hold the job before another process may take it over (default 10 min). */
  leaseMs?: number;
  /** Read on every tick; false skips the job (e.g. turned off by a setting). Default: always on. */
  enabled?: () => boolean;
};

export type Job = Readonly<Omit<Required<JobDefinition>, "everyMs"> & { everyMs: number }>;

const namePattern = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

/** Checks and completes a job definition; register the result in lib/boot/jobs.ts. */
export function defineJob(definition: JobDefinition): Job {
  if (!namePattern.test(definition.name)) throw new Error(`job name "${definition.name}" must be dotted lower case`);
  const { everyMs, ...rest } = definition;
  if (typeof everyMs === "number" && !(everyMs > 0)) throw new Error(`job "${definition.name}" needs everyMs > 0`);
  return {
    leaseMs: 10 * 60_000,
    enabled: () => true,
    ...rest,
    // Read when used, so a setting is not read at import (during the build, say).
    get everyMs() {
      return typeof everyMs === "number" ? everyMs : Math.max(everyMs(), 1);
    },
  };
}
