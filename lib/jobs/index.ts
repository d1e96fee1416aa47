/**
 * The jobs module: every piece of background work in the console runs through here.
 *
 *   import { defineJob } from "@/lib/jobs";
 *
 *   export const followThingsJob = defineJob({
 *     name: "things.follow",          // unique, dotted lower case; its row in job_runs
 *     everyMs: 5_000,                 // wait after a successful run, or () => ms read from a setting
 *                                     // (failures back off exponentially, max 30 min)
 *     run: async ({ db, now, log }) => {
 *       const handled = await followThings(db, { now });
 *       return { rows: handled };     // rows handled, shown to support; or return nothing
 *     },
 *     // leaseMs?: how long one run may take before another process may take over (default 10 min)
 *     // enabled?: () => boolean, read on every tick (e.g. a setting that turns the job off)
 *   });
 *
 * Then add it to the list in lib/boot/jobs.ts, and its label for the System page to
 * messages/{zh-CN,en}/system.json under jobs.names (the name with "_" for "."). The runner (started once at boot) ticks every
 * registered job; a lease row per job means one process runs it at a time across instances; each
 * run's start, duration, rows and last error are recorded in job_runs and shown on /support/system.
 * Throw to fail a run: the error message is recorded and the job backs off. Pages and route
 * handlers never run jobs.
 */
export { defineJob, type Job, type JobContext, type JobDefinition, type JobResult } from "./define";
export { claimJob, finishJob, type Lease } from "./claim";
export { MAX_BACKOFF_MS, nextDelayMs } from "./backoff";
export { runJobOnce, startJobRunner, stopJobRunner, type RunOutcome } from "./runner";
