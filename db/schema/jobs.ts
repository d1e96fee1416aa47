import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * One row per background job: the lease that lets one process run it at a time, and what its last
 * run did (shown to support on the System page). A row appears the first time any process ticks it.
 */
export const jobRuns = pgTable("job_runs", {
  name: text("name").primaryKey(),
  leasedUntil: timestamp("leased_until", { withTimezone: true }).notNull().default(new Date(0)),
  // The run holding the lease; a run whose lease ran out may not overwrite its successor's record.
  leaseOwner: text("lease_owner"),
  nextRunAt: timestamp("next_run_at", { withTimezone: true }).notNull().defaultNow(),
  lastStartedAt: timestamp("last_started_at", { withTimezone: true }),
  lastFinishedAt: timestamp("last_finished_at", { withTimezone: true }),
  lastDurationMs: integer("last_duration_ms"),
  lastRows: integer("last_rows"),
  lastError: text("last_error"),
  lastErrorAt: timestamp("last_error_at", { withTimezone: true }),
  runs: integer("runs").notNull().default(0),
  failures: integer("failures").notNull().default(0),
  consecutiveFailures: integer("consecutive_failures").notNull().default(0),
});

export type JobRun = typeof jobRuns.$inferSelect;
