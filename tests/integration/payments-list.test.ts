import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { merchants, payments } from "@/db/schema";
import { exportFileName, exportPaymentsCsv, type CsvLabels } from "@/lib/payments/export-csv";
import en from "@/messages/en/payments.json";
import zh from "@/messages/zh-CN/payments.json";
import { parsePaymentFilters, type PaymentFilters } from "@/lib/payments/filters";
import { listPayments } from "@/lib/payments/list-payments";
import { paymentSummary } from "@/lib/payments/summary";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";

const M = randomUUID();
const OTHER = randomUUID();
const now = new Date("2026-11-20T06:00:00Z");
const zhLabels: CsvLabels = { columns: zh.csv.columns, statuses: zh.status };
const enLabels: CsvLabels = { columns: en.csv.columns, statuses: en.status };

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

  it("streams a large set whole and in order, and a download stopped midway frees its connection", async () => {
    const big = randomUUID();
    await t.db.insert(merchants).values({ id: big, name: "big", miniProgram: { subject_name: "s", nickname: "n", appid: "wx0", license_number: "1" } });
    await t.db.execute(sql`insert into payments (merchant_id, order_id, merchant_order_id, amount_minor, currency, status, created_at)
      select ${big}::uuid, 'L' || lpad(i::text, 8, '0'), 'L' || i, i, 'CNY', 'SUCCEEDED', now() - make_interval(secs => i) from generate_series(1, 20000) as i`);
    const lines = (await new Response(exportPaymentsCsv(t, { merchantId: big, filters: {}, labels: enLabels })).text()).trim().split("\n");
    expect(lines).toHaveLength(1 + 20_000);
    // Newest first: order L00000001 is one second old, L00020000 the oldest.
    expect(lines.slice(1).map((line) => line.slice(0, 9))).toEqual(Array.from({ length: 20_000 }, (_, i) => `L${String(i + 1).padStart(8, "0")}`));
    // More stopped downloads than the pool has connections: each must give its connection back.
    for (let i = 0; i < 25; i++) {
      const reader = exportPaymentsCsv(t, { merchantId: big, filters: {}, labels: enLabels }).getReader();
      await reader.read();
      await reader.read();
      await reader.read();
      await reader.cancel();
    }
    expect(await t.db.$count(payments, eq(payments.merchantId, big))).toBe(20_000);
  });

  it("streams the filtered set as CSV for finance staff: BOM, China time, status labels, fee and net, formulas defused", async () => {
    await t.db.insert(payments).values([
      { merchantId: M, orderId: "=HYPERLINK(1)", merchantOrderId: "＠SUM(A1)", amountMinor: 12_345, feeMinor: 74, currency: "CNY", status: "SUCCEEDED", description: "-2+3 \"quoted\", a\\b", createdAt: new Date("2026-10-01T16:30:00Z"), paidAt: new Date("2026-10-01T16:30:05.900Z") },
      { merchantId: M, orderId: "J1", merchantOrderId: "J1", amountMinor: 1250, currency: "JPY", status: "PENDING", createdAt: new Date("2026-10-01T16:00:00Z") },
    ]);
    const bytes = new Uint8Array(await new Response(exportPaymentsCsv(t, { merchantId: M, filters: { status: "SUCCEEDED" }, labels: zhLabels, batchSize: 7 })).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split("\n");
    expect(lines[0]).toBe("订单号 (order_id),商户订单号,状态代码,状态,金额,手续费,实收金额,币种,创建时间 (北京时间 UTC+08:00),支付时间 (北京时间 UTC+08:00),描述");
    expect(lines).toHaveLength(1 + 111 + 1);
    // 06:00 UTC is 14:00 in China.
    expect(lines).toContain("C000000000000000000001,M1,SUCCEEDED,支付成功,2.00,0.00,2.00,CNY,2026-11-20 14:00:00,,");
    // A full-width ＠ is a formula too; seconds are cut, never rounded up.
    expect(lines.at(-1)).toBe(`'=HYPERLINK(1),'＠SUM(A1),SUCCEEDED,支付成功,123.45,0.74,122.71,CNY,2026-10-02 00:30:00,2026-10-02 00:30:05,"'-2+3 ""quoted"", a\\b"`);
    const pending = await new Response(exportPaymentsCsv(t, { merchantId: M, filters: { q: "J1" }, labels: enLabels })).text();
    expect(pending.trim().split("\n")[1]).toBe("J1,J1,PENDING,Pending,1250,0,0,JPY,2026-10-02 00:00:00,,");
    expect(exportFileName({ from: "2026-11-01", to: "2026-11-20" })).toBe("payments-2026-11-01-to-2026-11-20.csv");
    expect(exportFileName({}, now)).toBe("payments-all-to-2026-11-20.csv");
  });
});
