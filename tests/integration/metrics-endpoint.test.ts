import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineJob, runJobOnce } from "@/lib/jobs";
import { metricsHandler } from "@/lib/boot/metrics-endpoint";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";

const token = "metrics-token-for-tests-0123456789";

describe.each(testEngines)("GET /metrics on %s", (engine) => {
  let t: TestDb;
  const failing = defineJob({ name: `metrics.failing_${engine}`, everyMs: 1_000, run: async () => Promise.reject(new Error("down")) });
  const working = defineJob({ name: `metrics.working_${engine}`, everyMs: 1_000, run: async () => ({ rows: 7 }) });
  const get = (configured: string | undefined, authorization?: string) =>
    metricsHandler({ token: () => configured, db: async () => t.db, jobs: () => [failing, working] })(
      new Request("http://console.test/metrics", { headers: authorization ? { authorization } : {} }),
    );

  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.destroy());

  it("does not exist while no token is configured", async () => {
    const response = await get(undefined, `Bearer ${token}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("console_");
  });

  it("refuses a missing, wrong or differently long token", async () => {
    for (const header of [undefined, `Bearer ${token.slice(0, -1)}x`, `Bearer ${token}extra`, `Basic ${token}`, token]) {
      const response = await get(token, header);
      expect(response.status, String(header)).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
      expect(await response.text()).not.toContain("console_");
    }
  });

  it("answers Prometheus text with job runs, failures and backlogs to the right token", async () => {
    await runJobOnce(t.db, failing);
    await runJobOnce(t.db, working);
    const response = await get(token, `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toMatch(new RegExp(`console_job_runs_total\\{job="${failing.name}",outcome="error"\\} [1-9]`));
    expect(text).toMatch(new RegExp(`console_job_runs_total\\{job="${working.name}",outcome="ok"\\} [1-9]`));
    expect(text).toContain(`console_job_consecutive_failures{job="${failing.name}"} 1`);
    expect(text).toContain(`console_job_consecutive_failures{job="${working.name}"} 0`);
    expect(text).toMatch(new RegExp(`console_job_duration_seconds_count\\{job="${working.name}"\\} [1-9]`));
    expect(text).toContain('console_backlog{queue="wechat_queued"} 0');
    expect(text).toContain('console_backlog{queue="webhooks_undelivered"} 0');
  });
});
