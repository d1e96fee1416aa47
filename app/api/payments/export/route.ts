import { requireMerchantActor } from "@/lib/auth/guard";
import { exportPaymentsCsv } from "@/lib/payments/export-csv";
import { parsePaymentFilters } from "@/lib/payments/filters";
import { getDb } from "@/lib/server/db";
import { routeHandler } from "@/lib/server/route";

/** CSV of the filtered payments, streamed with no row limit. */
export const GET = routeHandler(async (request: Request) => {
  const actor = await requireMerchantActor();
  const filters = parsePaymentFilters(new URL(request.url).searchParams);
  const stream = exportPaymentsCsv(await getDb(), { merchantId: actor.merchantId, filters });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, "");
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="payments-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
});
