// The bench's data: two merchants of 1,000,000 and 100,000 payments (180 days, China time), their
// sign-in accounts, reused between runs when the counts are right.
import bcrypt from "bcryptjs";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client";
import { merchants, users } from "../../db/schema";

export const benchMerchants = [
  { id: "00000000-0000-4000-8000-000000000001", size: 1_000_000, email: "bench-1m@bench.test", prefix: "A" },
  { id: "00000000-0000-4000-8000-000000000002", size: 100_000, email: "bench-100k@bench.test", prefix: "B" },
] as const;
export const benchPassword = "bench-password-2026";

/** Fills what is missing (one merchant at a time, 100k rows per statement); answers seconds spent. */
export async function ensureBenchData(db: Db, log: (line: string) => void): Promise<number> {
  const started = performance.now();
  const hash = await bcrypt.hash(benchPassword, 10);
  for (const m of benchMerchants) {
    await db.insert(merchants).values({ id: m.id, name: `Bench ${m.size}`, miniProgram: { subject_name: `Bench ${m.size}`, nickname: "b", appid: "wx0", license_number: m.id.slice(-4) }, feeRateBps: 60 }).onConflictDoNothing();
    await db.insert(users).values({ email: m.email, name: `Bench ${m.size}`, passwordHash: hash, role: "owner", merchantId: m.id }).onConflictDoNothing();
    const [{ n }] = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from payments where merchant_id = ${m.id} and order_id like ${m.prefix + "%"}`)) as [{ n: number }];
    if (n === m.size) continue;
    log(`filling ${m.size.toLocaleString("en")} payments for ${m.email} (had ${n.toLocaleString("en")})`);
    await db.execute(sql`delete from payments where merchant_id = ${m.id} and order_id like ${m.prefix + "%"}`);
    for (let start = 1; start <= m.size; start += 100_000) {
      const end = Math.min(m.size, start + 99_999);
      // Amounts 1.00–10,486.75; 1 in 20 in HKD; 1 in 17 cancelled, 1 in 31 pending; fee 0.6% half up.
      await db.execute(sql`
        insert into payments (merchant_id, order_id, merchant_order_id, amount_minor, fee_minor, currency, status, description, created_at, paid_at, updated_at)
        select ${m.id}::uuid, ${m.prefix} || lpad(i::text, 21, '0'), ${m.prefix} || 'M' || i, a,
          case when s = 'SUCCEEDED' then (a * 60 + 5000) / 10000 else 0 end,
          case when i % 20 = 0 then 'HKD' else 'CNY' end, s::payment_status, 'Mini Program Payment', t,
          case when s = 'SUCCEEDED' then t + interval '30 seconds' end, t
        from (
          select i, (100 + (hashint4(i)::bigint & 1048575)) as a,
            case when i % 17 = 0 then 'CANCELLED' when i % 31 = 0 then 'PENDING' else 'SUCCEEDED' end as s,
            date_trunc('milliseconds', now() - ((hashint4(i * 7)::bigint & 2147483647)::float8 / 2147483648 * 180 * 86400000) * interval '1 millisecond') as t
          from generate_series(${start}::int, ${end}::int) as i
        ) g`);
    }
  }
  await db.execute(sql`vacuum analyze payments`);
  await db.execute(sql`vacuum analyze payment_daily_rollups`);
  return (performance.now() - started) / 1000;
}
