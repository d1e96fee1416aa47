import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { merchantTimeZoneOffset } from "./filters";

export type PeriodSummary = { count: number; succeeded: number; successRate: number | null; volume: { currency: string; amountMinor: number }[] };
export type DailyVolume = { day: string; currency: string; amountMinor: number; count: number };

const tz = "Asia/Shanghai";

/** The merchant's day and month start in China Standard Time. */
export function periodStarts(now: Date) {
  const local = new Date(now.getTime() + 8 * 3_600_000).toISOString();
  const today = new Date(`${local.slice(0, 10)}T00:00:00${merchantTimeZoneOffset}`);
  const month = new Date(`${local.slice(0, 7)}-01T00:00:00${merchantTimeZoneOffset}`);
  return { today, month };
}

async function period(db: Db, merchantId: string, since: Date): Promise<PeriodSummary> {
  const rows = await queryRows<{ currency: string; count: number; succeeded: number; volume: string }>(
    db,
    sql`select currency, count(*)::int as count, (count(*) filter (where status = 'SUCCEEDED'))::int as succeeded,
          coalesce(sum(amount_minor) filter (where status = 'SUCCEEDED'), 0)::text as volume
        from payments where merchant_id = ${merchantId} and created_at >= ${since}
        group by currency order by currency`,
  );
  const count = rows.reduce((n, r) => n + r.count, 0);
  const succeeded = rows.reduce((n, r) => n + r.succeeded, 0);
  return {
    count,
    succeeded,
    successRate: count ? succeeded / count : null,
    volume: rows.filter((r) => Number(r.volume) > 0).map((r) => ({ currency: r.currency, amountMinor: Number(r.volume) })),
  };
}

/** Summary tiles (today, this month: succeeded volume, count, success rate) and 30 days of daily volume. */
export async function paymentSummary(db: Db, { merchantId, now = new Date(), days = 30 }: { merchantId: string; now?: Date; days?: number }) {
  const { today, month } = periodStarts(now);
  const chartStart = new Date(today.getTime() - (days - 1) * 86_400_000);
  const [todaySummary, monthSummary, daily] = await Promise.all([
    period(db, merchantId, today),
    period(db, merchantId, month),
    queryRows<{ day: string; currency: string; volume: string; count: number }>(
      db,
      sql`select to_char(created_at at time zone ${tz}, 'YYYY-MM-DD') as day, currency,
            sum(amount_minor)::text as volume, count(*)::int as count
          from payments where merchant_id = ${merchantId} and status = 'SUCCEEDED' and created_at >= ${chartStart}
          group by 1, 2 order by 1`,
    ),
  ]);
  const chartDays = Array.from({ length: days }, (_, i) => new Date(chartStart.getTime() + i * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10));
  return {
    today: todaySummary,
    month: monthSummary,
    days: chartDays,
    daily: daily.map((d) => ({ day: d.day, currency: d.currency, amountMinor: Number(d.volume), count: d.count })) as DailyVolume[],
  };
}
export type PaymentSummary = Awaited<ReturnType<typeof paymentSummary>>;
