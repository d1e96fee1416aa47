import { stringify } from "csv-stringify/sync";
import type { Db } from "@/db/client";
import type { PaymentFilters } from "./filters";
import { paymentBatch } from "./list-payments";
import { formatDecimalAmount } from "./money";

export const csvColumns = ["order_id", "merchant_order_id", "status", "amount", "currency", "created_at", "paid_at", "description"] as const;

/**
 * The filtered set as CSV, streamed: rows are read in keyset batches as the client reads, so memory
 * stays constant however many rows there are. Amounts are decimal strings, times ISO 8601.
 */
export function exportPaymentsCsv(db: Db, { merchantId, filters, batchSize = 5000 }: { merchantId: string; filters: PaymentFilters; batchSize?: number }): ReadableStream<Uint8Array> {
  let after: { createdAt: Date; id: string } | undefined;
  let done = false;
  const encoder = new TextEncoder();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return;
      const rows = await paymentBatch(db, { merchantId, filters, after, limit: batchSize });
      const records: string[][] = headerSent ? [] : [[...csvColumns]];
      headerSent = true;
      for (const p of rows) {
        records.push([p.orderId, p.merchantOrderId, p.status, formatDecimalAmount(p.amountMinor, p.currency), p.currency, p.createdAt.toISOString(), p.paidAt?.toISOString() ?? "", p.description ?? ""]);
      }
      const last = rows.at(-1);
      if (last) after = { createdAt: last.createdAt, id: last.id };
      // A leading =, +, - or @ would be read as a formula by spreadsheets; csv-stringify escapes it.
      controller.enqueue(encoder.encode(stringify(records, { escape_formulas: true })));
      if (rows.length < batchSize) {
        done = true;
        controller.close();
      }
    },
  }, { highWaterMark: 1 });
}
