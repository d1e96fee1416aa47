import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { merchants, payments } from "@/db/schema";
import { exportPaymentsCsv } from "@/lib/payments/export-csv";
import { parsePaymentFilters, type PaymentFilters } from "@/lib/payments/filters";
import { listPayments } from "@/lib/payments/list-payments";
import { paymentSummary } from "@/lib/payments/summary";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";

const M = randomUUID();
const OTHER = randomUUID();
const now = new Date("2026-11-20T06:00:00Z");

describe.each(testEngines)("transactions view queries on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
    for (const id of [M, OTHER]) await t.db.insert(merchants).values({ id, name: id, miniProgram: { subject_name: "s", nickname: "n", appid: "wx0", license_number: "1" } });
    // 130 payments over 13 days, ten per day at the same instant (ties broken by id).
    const rows = Array.from({ length: 130 }, (_, i) => ({
      merchantId: M,
      orderId: `C${String(i).padStart(21, "0")}`,
      merchantOrderId: `M${i}`,
      amountMinor: 100 * (i + 1),
      currency: i % 10 === 0 ? "HKD" : "CNY",
      status: (i % 7 === 0 ? "CANCELLED" : "SUCCEEDED") as "CANCELLED" | "SUCCEEDED",
      createdAt: new Date(now.getTime() - Math.floor(i / 10) * 86_400_000),
    }));
    await t.db.insert(payments).values(rows);
    await t.db.insert(payments).values({ merchantId: OTHER, orderId: "X1", merchantOrderId: "M1", amountMinor: 1, currency: "CNY", status: "SUCCEEDED", createdAt: now });
  });
  afterAll(async () => t?.destroy());

  async function walk(filters: PaymentFilters) {
    const seen: string[] = [];
    let page = await listPayments(t.db, { merchantId: M, filters, limit: 25 });
    seen.push(...page.rows.map((r) => r.merchantOrderId));
    while (page.next) {
      page = await listPayments(t.db, { merchantId: M, filters: { ...filters, after: page.next }, limit: 25 });
      seen.push(...page.rows.map((r) => r.merchantOrderId));
    }
    return { seen, last: page };
  }

  it("pages forward through every payment once, in order, and back again", async () => {
    const { seen, last } = await walk({});
    expect(seen).toHaveLength(130);
    expect(new Set(seen).size).toBe(130);
    expect(seen.includes("M1")).toBe(true);
    const back = await listPayments(t.db, { merchantId: M, filters: { before: last.prev! }, limit: 25 });
    expect(back.rows.map((r) => r.merchantOrderId)).toEqual(seen.slice(100, 125));
    expect(back.next).not.toBeNull();
    const asc = await walk({ sort: "asc" });
    expect(asc.seen).toEqual([...seen].reverse());
  });

  it("filters by status, currency, amount, day and order number, and only the merchant's own", async () => {
    expect((await walk({ status: "CANCELLED" })).seen).toHaveLength(19);
    expect((await walk({ currency: "HKD" })).seen).toHaveLength(13);
    expect((await walk({ min: "10", max: "20" })).seen).toHaveLength(11);
    expect((await walk({ from: "2026-11-19", to: "2026-11-20" })).seen).toHaveLength(20);
    expect((await walk({ q: "C000000000000000000005" })).seen).toEqual(["M5"]);
    expect((await walk({ q: "M7" })).seen).toEqual(["M7"]);
    expect((await walk({ q: "X1" })).seen).toEqual([]);
    expect(parsePaymentFilters(new URLSearchParams("status=NOPE&min=abc&currency=CNY&q=%20"))).toEqual({ currency: "CNY" });
  });

  it("summarises today and this month in China time", async () => {
    const s = await paymentSummary(t.db, { merchantId: M, now });
    expect(s.today.count).toBe(10);
    expect(s.today.succeeded).toBe(8);
    expect(s.today.volume).toEqual([{ currency: "CNY", amountMinor: [2, 3, 4, 5, 6, 7, 9, 10].reduce((a, n) => a + n * 100, 0) }]);
    expect(s.month.count).toBe(130);
    expect(s.days).toHaveLength(30);
    expect(s.days.at(-1)).toBe("2026-11-20");
  });

  it("streams the filtered set as CSV with exact decimal amounts", async () => {
    const text = await new Response(exportPaymentsCsv(t.db, { merchantId: M, filters: { status: "SUCCEEDED" }, batchSize: 7 })).text();
    const lines = text.trim().split("\n");
    expect(lines[0]).toBe("order_id,merchant_order_id,status,amount,currency,created_at,paid_at,description");
    expect(lines).toHaveLength(1 + 111);
    expect(lines).toContain(`C000000000000000000001,M1,SUCCEEDED,2.00,CNY,${now.toISOString()},,`);
  });
});
