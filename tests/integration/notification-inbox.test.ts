import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { paymentNotifications } from "@/db/schema";
import { NotificationInbox } from "@/lib/payments/notification-inbox";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";

const entry = (key: string) => ({ dedupeKey: key, nonce: `n-${key}`, notifyType: "payment_success", orderId: `O-${key}`, merchantOrderId: null });

describe.each(testEngines)("webhook inbox batches on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(async () => t?.destroy());

  it("records 120 concurrent notifications in a few multi-row statements, each once, answering only after its row is stored", async () => {
    const inbox = new NotificationInbox(t.db, 50, 5);
    const keys = Array.from({ length: 100 }, (_, i) => `k${i}`);
    // Twenty are delivered twice at the same moment; k0 a third time.
    const deliveries = [...keys, ...keys.slice(0, 20), "k0"];
    const answers = await Promise.all(deliveries.map(async (key) => {
      const recorded = await inbox.record(entry(key));
      // Durable before answering: the row is visible from another connection/statement right away.
      const [row] = await t.db.select({ id: paymentNotifications.id }).from(paymentNotifications).where(eq(paymentNotifications.dedupeKey, key));
      expect(row).toBeDefined();
      if (recorded.id) expect(recorded.id).toBe(row!.id);
      return recorded;
    }));
    expect(answers.filter((a) => !a.duplicate)).toHaveLength(100);
    expect(answers.filter((a) => a.duplicate)).toHaveLength(21);
    const rows = await queryRows<{ dedupe_key: string; deliveries: number }>(t.db, sql`select dedupe_key, deliveries from payment_notifications order by dedupe_key`);
    expect(rows).toHaveLength(100);
    expect(rows.find((r) => r.dedupe_key === "k0")!.deliveries).toBe(3);
    expect(rows.find((r) => r.dedupe_key === "k1")!.deliveries).toBe(2);
    expect(rows.find((r) => r.dedupe_key === "k50")!.deliveries).toBe(1);
    // Rows written by one statement share its transaction id (repeats were updated since, so left out):
    // 121 calls in one tick make batches of 50.
    const [{ transactions }] = (await queryRows<{ transactions: number }>(t.db, sql`select count(distinct xmin::text)::int as transactions from payment_notifications where deliveries = 1`)) as [{ transactions: number }];
    expect(transactions).toBeLessThanOrEqual(3);
  });

  it("fails every waiting caller of a statement that could not be stored, and stores nothing of it", async () => {
    const inbox = new NotificationInbox(t.db, 50, 5);
    const good = inbox.record(entry("fine"));
    // A NULL order id breaks the NOT NULL constraint, failing the whole statement.
    const bad = inbox.record({ ...entry("broken"), orderId: null as unknown as string });
    await expect(good).rejects.toThrow();
    await expect(bad).rejects.toThrow();
    expect(await queryRows(t.db, sql`select 1 from payment_notifications where dedupe_key in ('fine', 'broken')`)).toEqual([]);
  });
});
