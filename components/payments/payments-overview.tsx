import type { Db } from "@/db/client";
import { paymentSummary } from "@/lib/payments/summary";
import { SummaryTiles } from "./summary-tiles";
import { VolumeChartClientOnly } from "./volume-chart-client-only";

/** Tiles and chart, streamed after the list (they read the daily rollups, not the payments). */
export async function PaymentsOverview({ db, merchantId }: { db: Db; merchantId: string }) {
  const summary = await paymentSummary(db, { merchantId });
  return (
    <>
      <SummaryTiles summary={summary} />
      <VolumeChartClientOnly days={summary.days} daily={summary.daily} />
    </>
  );
}

/** Same boxes and heights as the tiles and chart, so nothing moves when they arrive. */
export function PaymentsOverviewPlaceholder() {
  return (
    <div aria-hidden className="flex flex-col gap-5">
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="h-[108px] rounded-lg border border-slate-200 bg-white" />
        <div className="h-[108px] rounded-lg border border-slate-200 bg-white" />
      </div>
      <div className="h-[290px] rounded-lg border border-slate-200 bg-white" />
    </div>
  );
}

