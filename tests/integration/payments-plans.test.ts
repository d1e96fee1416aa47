import { randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { merchants } from "@/db/schema";
import { encodeCursor } from "@/lib/pagination/cursor";
import type { PaymentFilters } from "@/lib/payments/filters";
import { paymentPageQuery } from "@/lib/payments/list-payments";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";

const M = randomUUID();
const OTHER = randomUUID();
type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; "Index Cond"?: string; "Recheck Cond"?: string; Plans?: PlanNode[] };

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * With sequential scans priced out (enable_seqscan = off) a seq scan remains only when no index can
 * serve the query at all; on 40k analysed rows a filter's column must also be an index condition,
 * not a filter applied to every row of the merchant.
 */
describe.each(testEngines)("every filter of the transactions view is served by an index on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
    for (const id of [M, OTHER]) await t.db.insert(merchants).values({ id, name: id, miniProgram: { subject_name: "s", nickname: "n", appid: "wx0", license_number: "1" } });
    await t.db.execute(sql`
      insert into payments (merchant_id, order_id, merchant_order_id, amount_minor, currency, status, created_at)
      select case when i % 4 = 0 then ${OTHER}::uuid else ${M}::uuid end, 'P' || i, 'B' || i, (i * 7919) % 1000000,
        case when i % 20 = 0 then 'HKD' else 'CNY' end,
        (array['PENDING','SUCCEEDED','CANCELLED'])[1 + i % 3]::payment_status,
        timestamptz '2026-11-20T00:00:00Z' - (i * interval '13 minutes')
      from generate_series(1, 40000) i`);
    await t.db.execute(sql`analyze payments`);
  });
  afterAll(async () => t?.destroy());

  async function plan(query: SQL): Promise<PlanNode[]> {
    return t.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const result = (await tx.execute(sql`explain (format json) ${query}`)) as unknown as { rows: { "QUERY PLAN": unknown }[] };
      const raw = result.rows[0]!["QUERY PLAN"];
      const parsed = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
      return nodes(parsed[0]!.Plan);
    });
  }

  const cursor = encodeCursor({ at: "2026-10-01T00:00:00.000Z", id: randomUUID() });
  const cases: [string, PaymentFilters, string][] = [
    ["no filter", {}, "merchant_id"],
    ["status", { status: "CANCELLED" }, "status"],
    ["currency", { currency: "HKD" }, "currency"],
    ["day range", { from: "2026-11-01", to: "2026-11-02" }, "created_at"],
    ["amount range", { min: "100.00", max: "100.50" }, "amount_minor"],
    ["amount range in a currency", { currency: "CNY", min: "5000", max: "5000.20" }, "amount_minor"],
    ["order number", { q: "P123" }, "order_id"],
    ["page 1,000 (cursor)", { after: cursor }, "created_at"],
    ["going back (cursor)", { before: cursor, sort: "asc" }, "created_at"],
  ];
  it.each(cases)("%s", async (_name, filters, column) => {
    const { query } = paymentPageQuery(t.db, { merchantId: M, filters, limit: 50 });
    const scans = (await plan(query.getSQL())).filter((n) => n["Relation Name"] === "payments");
    expect(scans.map((n) => n["Node Type"])).not.toContain("Seq Scan");
    const conditions = scans.map((n) => `${n["Index Cond"] ?? ""} ${n["Recheck Cond"] ?? ""}`).join(" ");
    expect(conditions).toContain(column);
  });

  it("summary tiles and chart read the rollups by their key", async () => {
    const scans = (await plan(sql`select * from payment_daily_rollups where merchant_id = ${M} and day >= '2026-10-01'::date`)).filter((n) => n["Relation Name"] === "payment_daily_rollups");
    expect(scans.map((n) => n["Node Type"])).not.toContain("Seq Scan");
    expect(scans.map((n) => n["Index Cond"]).join(" ")).toContain("merchant_id");
  });
});
