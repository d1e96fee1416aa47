import { createHash, timingSafeEqual } from "node:crypto";
import type { Db } from "@/db/client";
import { logger } from "@/lib/runtime/logger";
import { metrics } from "@/lib/runtime/metrics";
import { countBacklogs } from "./backlogs";
import type { Job } from "@/lib/jobs/define";
import { jobStatuses } from "@/lib/jobs/status";

/** Compares digests, so neither the token's content nor its length shows in the time taken. */
function sameToken(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * GET /metrics in Prometheus text format, for a scraper holding the bearer token: 404 while no
 * token is configured (the endpoint does not exist), 401 for a missing or wrong one. Backlogs and
 * job failures are read from the database at scrape time, so every instance reports the same.
 */
export function metricsHandler(deps: { token: () => string | undefined; db: () => Promise<Db>; jobs: () => readonly Job[] }) {
  return async (request: Request): Promise<Response> => {
    const expected = deps.token();
    if (!expected) return new Response("Not found\n", { status: 404 });
    const header = request.headers.get("authorization") ?? "";
    const given = header.startsWith("Bearer ") ? header.slice(7) : "";
    if (!sameToken(given, expected)) return new Response("Unauthorized\n", { status: 401, headers: { "www-authenticate": 'Bearer realm="metrics"' } });
    const m = metrics();
    try {
      const db = await deps.db();
      const [backlogs, statuses] = await Promise.all([countBacklogs(db), jobStatuses(db, deps.jobs())]);
      for (const [queue, count] of Object.entries(backlogs)) m.backlog.set({ queue }, count);
      for (const s of statuses) {
        m.jobFailuresInARow.set({ job: s.name }, s.run?.consecutiveFailures ?? 0);
        m.jobLastSuccess.set({ job: s.name }, s.run?.lastFinishedAt && !s.run.consecutiveFailures ? s.run.lastFinishedAt.getTime() / 1000 : 0);
      }
    } catch (error) {
      // The process's own metrics still answer; the stale gauges say the database did not.
      logger.warn("metrics.backlog_failed", { error: String(error) });
    }
    return new Response(await m.registry.metrics(), { headers: { "content-type": m.registry.contentType, "cache-control": "no-store" } });
  };
}
