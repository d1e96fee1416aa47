// Apart from filters.ts so the browser's filter bar builds its links without loading zod.
import type { PaymentFilters } from "./filters";

/** The filters as a query string, without the page cursors unless asked. */
export function filtersToQuery(filters: PaymentFilters, extra: Partial<PaymentFilters> = {}, keepCursor = false): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...(keepCursor ? {} : { after: undefined, before: undefined }), ...extra })) {
    if (value) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

