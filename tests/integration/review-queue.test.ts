import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { listMerchantsWithStatus, merchantListFilterSchema } from "@/lib/review/merchants";
import { listReviewQueue, queueFilterSchema, type QueueFilter } from "@/lib/review/queue";
import { applicationIn } from "../factories/applications";
import { createTestDb, testEngines, type TestDb } from "../helpers/db";
import { createMerchant, sampleQualification } from "../helpers/applications";

const filter = (input: Record<string, string> = {}): QueueFilter => queueFilterSchema.parse(input);
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

describe.each(testEngines)("review queue on %s", (engine) => {
  let t: TestDb;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestDb(engine);
    const make = async (key: string, name: string, opts: { shortname: string; hours: number; status?: "pending_review" | "changes_requested" | "submitted" | "finished" | "rejected" | "approved"; type?: string }) => {
      const m = await createMerchant(t.db, name);
      const data = { ...sampleQualification({ shortname: opts.shortname }), organization_type: opts.type ?? "2" };
      ids[key] = (await applicationIn(t.db, m, opts.status ?? "pending_review", data, { at: hoursAgo(opts.hours) })).applicationId;
    };
    await make("old", "北京老字号有限公司", { shortname: "老字号", hours: 50 });
    await make("mid", "上海中间商贸有限公司", { shortname: "中间店", hours: 5, type: "4" });
    await make("new", "广州新店有限公司", { shortname: "新店", hours: 1 });
    await make("back", "成都退回有限公司", { shortname: "退回店", hours: 30, status: "changes_requested" });
    await make("wechat", "武汉已提交有限公司", { shortname: "已提交", hours: 20, status: "submitted" });
    await make("approved", "南京已批准有限公司", { shortname: "批准店", hours: 19, status: "approved" });
    await make("done", "西安完成有限公司", { shortname: "完成店", hours: 40, status: "finished" });
    await make("refused", "重庆驳回有限公司", { shortname: "驳回店", hours: 45, status: "rejected" });
    // A merchant still drafting is never in the queue.
    await createMerchant(t.db, "草稿商户有限公司");
  });
  afterAll(async () => t?.destroy());

  const names = (rows: { merchantName: string }[]) => rows.map((r) => r.merchantName);

  it("shows applications waiting for review, newest first, by default", async () => {
    const page = await listReviewQueue(t.db, filter());
    expect(names(page.rows)).toEqual(["广州新店有限公司", "上海中间商贸有限公司", "北京老字号有限公司"]);
    expect(page.total).toBe(3);
    expect(page.next).toBeNull();
    expect(page.previous).toBeNull();
    const oldest = await listReviewQueue(t.db, filter({ sort: "oldest" }));
    expect(names(oldest.rows)).toEqual(["北京老字号有限公司", "上海中间商贸有限公司", "广州新店有限公司"]);
  });

  it("filters by status group, subject type and submission date", async () => {
    expect(names((await listReviewQueue(t.db, filter({ status: "changes_requested" }))).rows)).toEqual(["成都退回有限公司"]);
    expect(names((await listReviewQueue(t.db, filter({ status: "submitted" }))).rows)).toEqual(["南京已批准有限公司", "武汉已提交有限公司"]);
    expect(names((await listReviewQueue(t.db, filter({ status: "rejected" }))).rows)).toEqual(["重庆驳回有限公司"]);
    expect(names((await listReviewQueue(t.db, filter({ status: "finished" }))).rows)).toEqual(["西安完成有限公司"]);
    expect((await listReviewQueue(t.db, filter({ status: "all" }))).total).toBe(8);
    expect(names((await listReviewQueue(t.db, filter({ type: "4" }))).rows)).toEqual(["上海中间商贸有限公司"]);
    const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const fromDay = shanghaiDay(hoursAgo(50));
    const onlyThatDay = await listReviewQueue(t.db, filter({ status: "all", from: fromDay, to: fromDay }));
    expect(onlyThatDay.rows.map((r) => r.id)).toContain(ids.old);
    expect(onlyThatDay.rows.map((r) => r.id)).not.toContain(ids.new);
  });

  it("searches merchant name, short name and application id", async () => {
    expect(names((await listReviewQueue(t.db, filter({ q: "老字号" }))).rows)).toEqual(["北京老字号有限公司"]);
    expect(names((await listReviewQueue(t.db, filter({ q: "中间店" }))).rows)).toEqual(["上海中间商贸有限公司"]);
    expect(names((await listReviewQueue(t.db, filter({ q: ids.new!, status: "all" }))).rows)).toEqual(["广州新店有限公司"]);
    expect(names((await listReviewQueue(t.db, filter({ q: ids.done!.slice(0, 8).toUpperCase(), status: "all" }))).rows)).toContain("西安完成有限公司");
    // LIKE wildcards are searched for literally.
    expect((await listReviewQueue(t.db, filter({ q: "%" }))).rows).toEqual([]);
  });

  it("falls back to defaults for malformed URL parameters", async () => {
    expect(filter({ status: "bogus", sort: "up", type: "99", from: "2026-13-45", after: "garbage" })).toMatchObject({ status: "pending_review", sort: "newest", type: undefined, from: undefined });
    expect((await listReviewQueue(t.db, filter({ after: "garbage" }))).rows).toHaveLength(3);
  });

  it("pages forwards and back over thousands of applications without gaps or repeats, quickly", async () => {
    // 3000 more merchants with applications at distinct and tied submission times.
    await t.db.execute(sql`
      insert into merchants (id, name, mini_program)
      select gen_random_uuid(), '批量商户' || g, '{"subject_name":"x","nickname":"x","appid":"wx0","license_number":"x"}'::jsonb
      from generate_series(1, 3000) g`);
    await t.db.execute(sql`
      insert into applications (merchant_id, status, draft_sealed, current_revision, submitted_at, organization_type, merchant_shortname)
      select id, 'pending_review', 'x', 1, now() - ((row_number() over (order by id)) / 3) * interval '1 minute', '2', '批量'
      from merchants where name like '批量商户%'`);
    const all: string[] = [];
    const pages = [];
    let page = await listReviewQueue(t.db, filter(), 100);
    pages.push(page);
    all.push(...page.rows.map((r) => r.id));
    while (page.next) {
      page = await listReviewQueue(t.db, filter({ after: page.next }), 100);
      pages.push(page);
      all.push(...page.rows.map((r) => r.id));
    }
    expect(all).toHaveLength(3003);
    expect(new Set(all).size).toBe(3003);
    const times = await queryRows<{ id: string }>(t.db, sql`select id from applications where status = 'pending_review' order by submitted_at desc, id desc`);
    expect(all).toEqual(times.map((r) => r.id));
    // Back from the last page gives the page before it.
    const back = await listReviewQueue(t.db, filter({ before: pages[pages.length - 1]!.previous! }), 100);
    expect(back.rows.map((r) => r.id)).toEqual(pages[pages.length - 2]!.rows.map((r) => r.id));
    expect(back.previous).not.toBeNull();

    const started = performance.now();
    for (let i = 0; i < 5; i++) await listReviewQueue(t.db, filter({ after: pages[20]!.next!, q: "批量" }), 25);
    const perPage = (performance.now() - started) / 5;
    console.log(`[${engine}] queue page of 25 with search over 3003 applications: ${perPage.toFixed(1)} ms`);
    expect(perPage).toBeLessThan(500);
  });

  it("lists merchants with where their application stands", async () => {
    const page = await listMerchantsWithStatus(t.db, merchantListFilterSchema.parse({ q: "有限公司" }));
    const byName = new Map(page.rows.map((r) => [r.name, r]));
    expect(byName.get("草稿商户有限公司")).toMatchObject({ status: null, applicationId: null });
    expect(byName.get("西安完成有限公司")).toMatchObject({ status: "finished", applicationId: ids.done });
    expect(page.total).toBe(9);
    const first = await listMerchantsWithStatus(t.db, merchantListFilterSchema.parse({}), 1000);
    const two = await listMerchantsWithStatus(t.db, merchantListFilterSchema.parse({}), 2);
    const next = await listMerchantsWithStatus(t.db, merchantListFilterSchema.parse({ after: two.next! }), 2);
    expect([...two.rows, ...next.rows].map((r) => r.id)).toEqual(first.rows.slice(0, 4).map((r) => r.id));
  });
});
