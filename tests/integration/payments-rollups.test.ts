import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { merchants, payments } from "@/db/schema";
import { applyProviderPayment } from "@/lib/payments/apply-payment";
import { paymentSummary } from "@/lib/payments/summary";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";

const M = randomUUID();
const now = new Date("2026-11-20T06:00:00Z");

describe.each(testEngines)("daily payment rollups on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
    await t.db.insert(merchants).values({ id: M, name: M, miniProgram: { subject_name: "s", nickname: "n", appid: "wx0", license_number: "1" }, feeRateBps: 60 });
  });
  afterAll(async () => t?.destroy());

  /** The rollups as they should be: recomputed from the payments themselves. */
  const expected = () =>
    queryRows(t.db, sql`select merchant_id, (created_at at time zone 'Asia/Shanghai')::date::text as day, currency, count(*)::int as count,
        (count(*) filter (where status = 'SUCCEEDED'))::int as succeeded,
        coalesce(sum(amount_minor) filter (where status = 'SUCCEEDED'), 0)::text as volume,
        coalesce(sum(fee_minor) filter (where status = 'SUCCEEDED'), 0)::text as fees
      from payments group by 1, 2, 3 order by 1, 2, 3`);
  const actual = () =>
    queryRows(t.db, sql`select merchant_id, day::text as day, currency, count, succeeded, volume_minor::text as volume, fees_minor::text as fees
      from payment_daily_rollups where count <> 0 order by 1, 2, 3`);

  it("equal the payments' aggregate after bulk inserts, status changes, day moves and deletes", async () => {
    // 15:59 and 16:00 UTC fall on two China days (9 and 10 November).
    await t.db.insert(payments).values(Array.from({ length: 40 }, (_, i) => ({
      merchantId: M, orderId: `R${i}`, merchantOrderId: `R${i}`, amountMinor: 100 + i, feeMinor: i % 3 === 0 ? 1 : 0,
      currency: i % 4 === 0 ? "HKD" : "CNY", status: (["PENDING", "SUCCEEDED", "CANCELLED"] as const)[i % 3]!,
      createdAt: new Date(Date.UTC(2026, 10, 9, 15, 59 + (i % 2))),
    })));
    expect(await actual()).toEqual(await expected());
    expect((await actual()).length).toBeGreaterThan(2);

    await t.db.update(payments).set({ status: "SUCCEEDED", feeMinor: 5 }).where(eq(payments.status, "PENDING"));
    await t.db.update(payments).set({ createdAt: new Date("2026-11-18T01:00:00Z") }).where(eq(payments.orderId, "R1"));
    await t.db.update(payments).set({ queriedAt: now }).where(eq(payments.orderId, "R2"));
    await t.db.delete(payments).where(eq(payments.orderId, "R3"));
    expect(await actual()).toEqual(await expected());
  });

  it("follow a payment from PENDING to SUCCEEDED through the provider's report, with its fee", async () => {
    const report = { order_id: "P1", merchant_order_id: "P1", sub_merchant_id: M, amount: "100.00", currency: "CNY", description: "d", create_time: "2026-11-20T14:00:00+08:00" };
    await applyProviderPayment(t.db, { ...report, status: "PENDING" } as never, { source: "notification", settlementDelayHours: 0, now, merchantId: M });
    await applyProviderPayment(t.db, { ...report, status: "SUCCEEDED", pay_time: "2026-11-20T14:00:05+08:00" } as never, { source: "notification", settlementDelayHours: 0, now });
    const [row] = await t.db.select().from(payments).where(eq(payments.orderId, "P1"));
    expect(row!.feeMinor).toBe(60);
    expect(await actual()).toEqual(await expected());
    const summary = await paymentSummary(t.db, { merchantId: M, now });
    expect(summary.today).toEqual({ count: 1, succeeded: 1, successRate: 1, volume: [{ currency: "CNY", amountMinor: 10_000 }] });
    expect(summary.daily.find((d) => d.day === "2026-11-20")).toEqual({ day: "2026-11-20", currency: "CNY", amountMinor: 10_000, count: 1 });
  });

  it("stay exact when many transactions change the same day at once", async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) =>
      t.db.transaction(async (tx) => {
        await tx.insert(payments).values({ merchantId: M, orderId: `K${i}`, merchantOrderId: `K${i}`, amountMinor: 7, currency: "CNY", status: "SUCCEEDED", createdAt: now });
        await tx.update(payments).set({ amountMinor: 8 }).where(eq(payments.orderId, `K${i}`));
      })));
    expect(await actual()).toEqual(await expected());
  });
});
