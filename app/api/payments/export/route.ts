import { getTranslations } from "next-intl/server";
import { requireMerchantActor } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { csvColumns, exportFileName, exportPaymentsCsv } from "@/lib/payments/export-csv";
import { malformedPaymentFilters, parsePaymentFilters } from "@/lib/payments/filters";
import { paymentStatuses } from "@/lib/payments/statuses";
import { getDbHandle } from "@/lib/runtime/db";
import { routeHandler } from "@/lib/server/route";

/** CSV of the filtered payments for finance staff, streamed with no row limit. */
export const GET = routeHandler(async (request: Request) => {
  const actor = await requireMerchantActor("read");
  const params = new URL(request.url).searchParams;
  const filters = parsePaymentFilters(params);
  // Refused before the first byte: once the CSV streams, the status can no longer say 400.
  const malformed = malformedPaymentFilters(params, filters);
  if (Object.keys(malformed).length) throw new AppError("bad_request", `These filters are not valid: ${Object.keys(malformed).join(", ")}.`, malformed);
  const t = await getTranslations("payments");
  const labels = {
    columns: Object.fromEntries(csvColumns.map((c) => [c, t(`csv.columns.${c}`)])) as Record<(typeof csvColumns)[number], string>,
    statuses: Object.fromEntries(paymentStatuses.map((s) => [s, t(`status.${s}`)])) as Record<(typeof paymentStatuses)[number], string>,
  };
  const stream = exportPaymentsCsv(await getDbHandle(), { merchantId: actor.merchantId, filters, labels });
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${exportFileName(filters)}"`,
      "cache-control": "no-store",
    },
  });
});
