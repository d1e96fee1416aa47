import { and, asc, desc, eq, gte, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { payments } from "@/db/schema";
import { decodeCursor, encodeCursor } from "@/lib/pagination/cursor";
import { chinaDayEnd, chinaDayStart } from "@/lib/time/china-time";
import type { PaymentFilters } from "./filters";
import { currencyExponent, isCurrency, parseDecimalAmount } from "@/lib/money/money";

export type PaymentRow = typeof payments.$inferSelect;

/** The WHERE of the filtered set (without the page cursor); every branch names the merchant. */
export function paymentConditions(merchantId: string, f: PaymentFilters): SQL {
  const conditions: (SQL | undefined)[] = [eq(payments.merchantId, merchantId)];
  if (f.status) conditions.push(eq(payments.status, f.status));
  if (f.currency) conditions.push(eq(payments.currency, f.currency));
  if (f.from) conditions.push(gte(payments.createdAt, chinaDayStart(f.from)));
  if (f.to) conditions.push(lt(payments.createdAt, chinaDayEnd(f.to)));
  // Amounts are typed in the currency's major unit; without a currency, two decimals are assumed.
  const unit = f.currency && isCurrency(f.currency) ? f.currency : "CNY";
  const toMinor = (v: string) => (currencyExponent[unit] === 0 ? Math.trunc(Number(v.split(".")[0])) : parseDecimalAmount(v, unit));
  if (f.min) conditions.push(gte(payments.amountMinor, toMinor(f.min)));
  if (f.max) conditions.push(lte(payments.amountMinor, toMinor(f.max)));
  if (f.q) conditions.push(or(eq(payments.orderId, f.q), eq(payments.merchantOrderId, f.q)));
  return and(...conditions)!;
}

/** The query of one page (limit + 1 rows, to know whether there is a next), also EXPLAINed by the tests. */
export function paymentPageQuery(db: Db, { merchantId, filters, limit = 50 }: { merchantId: string; filters: PaymentFilters; limit?: number }) {
  const newestFirst = filters.sort !== "asc";
  const after = decodeCursor(filters.after);
  const before = after ? null : decodeCursor(filters.before);
  const cursor = after ?? before;
  // Walking backwards reads the opposite order, then flips the page.
  const forwardDesc = before ? !newestFirst : newestFirst;
  let keyset: SQL | undefined;
  if (cursor) {
    const at = new Date(cursor.at);
    // A row comparison is one index range condition; the equivalent OR is not.
    keyset = forwardDesc ? sql`(${payments.createdAt}, ${payments.id}) < (${at}::timestamptz, ${cursor.id}::uuid)` : sql`(${payments.createdAt}, ${payments.id}) > (${at}::timestamptz, ${cursor.id}::uuid)`;
  }
  const order = forwardDesc ? [desc(payments.createdAt), desc(payments.id)] : [asc(payments.createdAt), asc(payments.id)];
  const query = db
    .select()
    .from(payments)
    .where(and(paymentConditions(merchantId, filters), keyset))
    .orderBy(...order)
    .limit(limit + 1);
  return { query, before, after };
}

/**
 * One page of the merchant's payments by time, keyset-paginated on (created_at, id) so page 1,000
 * costs what page 1 does. `after` continues in the sort direction, `before` goes back.
 */
export async function listPayments(db: Db, { merchantId, filters, limit = 50 }: { merchantId: string; filters: PaymentFilters; limit?: number }) {
  const { query, before, after } = paymentPageQuery(db, { merchantId, filters, limit });
  const rows = await query;
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (before) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  const cursorOf = (p: PaymentRow) => encodeCursor({ at: p.createdAt.toISOString(), id: p.id });
  return {
    rows: page,
    next: last && (before ? true : more) ? cursorOf(last) : null,
    prev: first && (before ? more : !!after) ? cursorOf(first) : null,
  };
}

/** A window of the filtered set for the streaming export (always newest first). */
export async function paymentBatch(db: Db, { merchantId, filters, after, limit }: { merchantId: string; filters: PaymentFilters; after?: { createdAt: Date; id: string }; limit: number }) {
  const keyset = after ? sql`(${payments.createdAt}, ${payments.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : undefined;
  return db
    .select()
    .from(payments)
    .where(and(paymentConditions(merchantId, { ...filters, after: undefined, before: undefined }), keyset))
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(limit);
}

