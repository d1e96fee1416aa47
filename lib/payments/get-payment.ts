import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { paymentEvents, payments } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** One payment of the merchant with its event timeline. */
export async function getPayment(db: Db, { merchantId, id }: { merchantId: string; id: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("not_found", "This payment does not exist.");
  const [payment] = await db.select().from(payments).where(and(eq(payments.id, id), eq(payments.merchantId, merchantId)));
  if (!payment) throw new AppError("not_found", "This payment does not exist.");
  const events = await db
    .select()
    .from(paymentEvents)
    .where(and(eq(paymentEvents.paymentId, id), eq(paymentEvents.merchantId, merchantId)))
    .orderBy(asc(paymentEvents.createdAt));
  return { payment, events };
}
export type PaymentDetail = Awaited<ReturnType<typeof getPayment>>;
