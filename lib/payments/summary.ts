import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { CHINA_TIME_ZONE, chinaPeriodStarts, chinaToday } from "@/lib/time/china-time";

export type PeriodSummary = { count: number; succeeded: number; successRate: number | null; volume: { currency: string; amountMinor: number }[] };
export type DailyVolume = { day: string; currency: string; amountMinor: number; count: number };

/** The China calendar day of an instant, as YYYY-MM-DD. */
const chinaDay = (instant: Date) => chinaToday(instant);

type RollupRow = { day: string; currency: string; count: number; succeeded: number; volume: string };

function period(rows: RollupRow[], since: string): PeriodSummary {
  const byCurrency = new Map<string, number>();
  let count = 0;
  let succeeded = 0;
  for (const r of rows) {
    if (r.day < since) continue;
    count += r.count;
    succeeded += r.succeeded;
    byCurrency.set(r.currency, (byCurrency.get(r.currency) ?? 0) + Number(r.volume));
  }
  return {
    count,
    succeeded,
    successRate: count ? succeeded / count : null,
    volume: [...byCurrency].filter(([, v]) => v > 0).sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => ({ currency, amountMinor })),
  };
}

/**
 * Summary tiles (today, this month: succeeded volume, count, success rate) and 30 days of daily
 * volume, read from the daily rollups (one row per day and currency) instead of the payments.
 */
export async function paymentSummary(db: Db, { merchantId, now = new Date(), days = 30 }: { merchantId: string; now?: Date; days?: number }) {
  const { today, month } = chinaPeriodStarts(now);
  const chartStart = new Date(today.getTime() - (days - 1) * 86_400_000);
  const since = chinaDay(month < chartStart ? month : chartStart);
  const rows = await queryRows<RollupRow>(
    db,
    sql`select to_char(day, 'YYYY-MM-DD') as day, currency, count, succeeded, volume_minor::text as volume
        from payment_daily_rollups where merchant_id = ${merchantId} and day >= ${since}::date order by day, currency`,
  );
  const chartDays = Array.from({ length: days }, (_, i) => chinaDay(new Date(chartStart.getTime() + i * 86_400_000)));
  const firstChartDay = chartDays[0]!;
  return {
    today: period(rows, chinaDay(today)),
    month: period(rows, chinaDay(month)),
    days: chartDays,
    daily: rows
      .filter((r) => r.day >= firstChartDay && r.succeeded > 0)
      .map((r) => ({ day: r.day, currency: r.currency, amountMinor: Number(r.volume), count: r.succeeded })) as DailyVolume[],
  };
}
export type PaymentSummary = Awaited<ReturnType<typeof paymentSummary>>;
