import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { payments } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { paymentBody } from "./create-payment";
import { listPayments } from "./list-payments";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `GET /api/v1/payments/{id}`: one of the caller's payments; another merchant's id is not found, like an unknown one. */
export async function getApiPayment(db: Db, input: { merchantId: string; id: string }) {
  if (!uuid.test(input.id)) throw new AppError("not_found", "No such payment.");
  const [row] = await db.select().from(payments).where(and(eq(payments.id, input.id), eq(payments.merchantId, input.merchantId)));
  if (!row) throw new AppError("not_found", "No such payment.");
  return paymentBody(row);
}

/** `GET /api/v1/payments`: newest first, keyset pages; or the one payment with a merchant_order_id. */
export async function listApiPayments(db: Db, input: { merchantId: string; merchantOrderId?: string; limit: number; startingAfter?: string }) {
  if (input.merchantOrderId) {
    const rows = await db.select().from(payments).where(and(eq(payments.merchantId, input.merchantId), eq(payments.merchantOrderId, input.merchantOrderId)));
    return { data: rows.map(paymentBody), next_cursor: null };
  }
  const page = await listPayments(db, { merchantId: input.merchantId, filters: { after: input.startingAfter }, limit: input.limit });
  return { data: page.rows.map(paymentBody), next_cursor: page.next };
}
