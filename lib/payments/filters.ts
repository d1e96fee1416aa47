import { z } from "zod";
import { paymentStatuses } from "./statuses";
import { currencies } from "@/lib/money/money";
import { calendarDay as day, plainText, uuidPattern } from "@/lib/validation/params";

const decimal = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/);
const cursor = z.string().regex(/^[A-Za-z0-9_-]{10,200}$/);

/**
 * The transactions view's filters, as they appear in the URL (and in the export link). Anything
 * malformed is dropped rather than failing the page, so a hand-edited URL still shows a list.
 */
export const paymentFiltersSchema = z.object({
  status: z.enum(paymentStatuses).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  min: decimal.optional().catch(undefined),
  max: decimal.optional().catch(undefined),
  currency: z.enum(currencies as [string, ...string[]]).optional().catch(undefined),
  q: plainText(64).optional().catch(undefined).transform((v) => v || undefined),
  sort: z.enum(["desc", "asc"]).optional().catch(undefined),
  after: cursor.optional().catch(undefined),
  before: cursor.optional().catch(undefined),
});
export type PaymentFilters = Partial<z.infer<typeof paymentFiltersSchema>>;

/** Reads filters from URLSearchParams or Next's searchParams object. */
export function parsePaymentFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): PaymentFilters {
  const get = (key: string) => {
    const value = params instanceof URLSearchParams ? params.get(key) ?? undefined : params[key];
    return Array.isArray(value) ? value[0] : value || undefined;
  };
  return paymentFiltersSchema.parse(Object.fromEntries(Object.keys(paymentFiltersSchema.shape).map((k) => [k, get(k)])));
}

/**
 * The parameters a filter dropped as malformed, each with its message key: an API answers 400
 * naming them instead of quietly widening the result.
 */
export function malformedPaymentFilters(params: URLSearchParams, filters: PaymentFilters): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const key of Object.keys(paymentFiltersSchema.shape) as (keyof PaymentFilters)[]) {
    const given = params.get(key);
    if (given && filters[key] === undefined) problems[key] = key === "from" || key === "to" ? "validation.date" : "validation.invalid";
  }
  return problems;
}
