import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobRuns } from "@/db/schema";
import { MAX_BACKOFF_MS, claimJob, defineJob, nextDelayMs, runJobOnce, startJobRunner, stopJobRunner } from "@/lib/jobs";
import { metrics } from "@/lib/runtime/metrics";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";

let n = 0;
const uniqueName = () => `test.job_${n++}_${Date.now()}`;

describe("backoff", () => {
  it("waits the interval after a success and doubles after each failure, up to the cap", () => {
    expect(nextDelayMs(5_000, 0)).toBe(5_000);
    expect([1, 2, 3, 4].map((f) => nextDelayMs(5_000, f))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(nextDelayMs(5_000, 40)).toBe(MAX_BACKOFF_MS);
    // A daily job retries within minutes after a failure, not a day later.
    expect(nextDelayMs(86_400_000, 1)).toBe(60_000);
    expect(nextDelayMs(86_400_000, 10)).toBe(MAX_BACKOFF_MS);
  });
});

describe.each(testEngines)("jobs module on %s", (engine) => {
  let t: TestDb;
  const row = async (name: string) => (await t.db.select().from(jobRuns).where(eq(jobRuns.name, name)))[0]!;

  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.destroy());

  it("of twenty concurrent claims on a due job exactly one wins, and the lease keeps others off", async () => {
    const name = uniqueName();
    const now = new Date();
    const claims = await Promise.all(Array.from({ length: 20 }, () => claimJob(t.db, name, { now, leaseMs: 60_000 })));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimJob(t.db, name, { now: new Date(now.getTime() + 59_000), leaseMs: 60_000 })).toBeNull();
    // A lease that ran out (the process died) may be taken over.
    expect(await claimJob(t.db, name, { now: new Date(now.getTime() + 61_000), leaseMs: 60_000 })).not.toBeNull();
  });

  it("two concurrent runs of one job: the body runs once", async () => {
    let calls = 0;
    const job = defineJob({
      name: uniqueName(),
      everyMs: 60_000,
      run: async () => {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { rows: 3 };
      },
    });
    const now = new Date();
    const outcomes = await Promise.all([runJobOnce(t.db, job, { now }), runJobOnce(t.db, job, { now })]);
    expect(calls).toBe(1);
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    const recorded = await row(job.name);
    expect(recorded).toMatchObject({ runs: 1, failures: 0, lastRows: 3, lastError: null, leaseOwner: null });
    expect(recorded.lastDurationMs).toBeGreaterThanOrEqual(40);
    // Not due again until everyMs after it finished.
    expect(recorded.nextRunAt.getTime() - recorded.lastFinishedAt!.getTime()).toBe(60_000);
    expect(await runJobOnce(t.db, job, { now: new Date(now.getTime() + 30_000) })).toEqual({ ran: false });
  });

  it("records the last error with its time, backs off on consecutive failures, and clears the streak on success", async () => {
    let fail = true;
    const job = defineJob({
      name: uniqueName(),
      everyMs: 1_000,
      run: async () => {
        if (fail) throw new Error("WeChat answered errcode 45009");
        return { rows: 1 };
      },
    });
    const before = await metrics().jobRuns.get();
    let now = new Date("2026-01-01T00:00:00Z");
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      expect(await runJobOnce(t.db, job, { now })).toMatchObject({ ran: true, error: "Error: WeChat answered errcode 45009" });
      const r = await row(job.name);
      delays.push(r.nextRunAt.getTime() - r.lastFinishedAt!.getTime());
      expect(r.lastErrorAt!.getTime()).toBe(r.lastFinishedAt!.getTime());
      // Not due before the backoff has passed.
      expect(await runJobOnce(t.db, job, { now: new Date(r.nextRunAt.getTime() - 1) })).toEqual({ ran: false });
      now = r.nextRunAt;
    }
    expect(delays).toEqual([1_000, 2_000, 4_000]);
    expect(await row(job.name)).toMatchObject({ failures: 3, consecutiveFailures: 3, lastError: "Error: WeChat answered errcode 45009" });
    fail = false;
    await runJobOnce(t.db, job, { now });
    const after = await row(job.name);
    // The last error stays for support to read; the streak and the backoff end.
    expect(after).toMatchObject({ runs: 4, failures: 3, consecutiveFailures: 0, lastRows: 1, lastError: "Error: WeChat answered errcode 45009" });
    expect(after.nextRunAt.getTime() - after.lastFinishedAt!.getTime()).toBe(1_000);
    const counted = await metrics().jobRuns.get();
    const count = (m: typeof before, outcome: string) => m.values.find((v) => v.labels.job === job.name && v.labels.outcome === outcome)?.value ?? 0;
    expect(count(counted, "error") - count(before, "error")).toBe(3);
    expect(count(counted, "ok")).toBe(1);
  });

  it("the runner started at boot runs a registered job on its own and skips a disabled one", async () => {
    let ran = 0;
    let disabledRan = 0;
    const job = defineJob({ name: uniqueName(), everyMs: 50, run: async () => ({ rows: ++ran }) });
    const off = defineJob({ name: uniqueName(), everyMs: 50, enabled: () => false, run: async () => void disabledRan++ });
    startJobRunner(async () => t.db, [job, off], { tickMs: 20 });
    try {
      await expect.poll(() => ran, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    } finally {
      stopJobRunner();
    }
    expect(disabledRan).toBe(0);
    await expect.poll(async () => (await row(job.name)).leaseOwner, { timeout: 2_000 }).toBeNull();
    expect((await row(job.name)).runs).toBeGreaterThanOrEqual(2);
  });
});
