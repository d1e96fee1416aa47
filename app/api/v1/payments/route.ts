import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { paymentCreateSchema, paymentListQuerySchema, idempotencyKeySchema } from "@/lib/payments/api-schemas";
import { listApiPayments } from "@/lib/payments/api-payments";
import { appCreatePaymentDeps, deliverWebhooksNow } from "@/lib/payments/app-provider";
import { createPayment } from "@/lib/payments/create-payment";
import { apiRoute, readJsonBody } from "@/lib/server/api-route";
import { getDb } from "@/lib/runtime/db";
import { after } from "next/server";

/** Create a payment for the merchant's Mini Program (the provider's create-payment call): answers next_action for wx.requestPayment. */
export const POST = apiRoute(async (request, caller) => {
  const key = idempotencyKeySchema.safeParse(request.headers.get("idempotency-key") ?? undefined);
  if (!key.success) throw new AppError("bad_request", "Send an Idempotency-Key header (1 to 255 printable characters) so a retried request never pays twice.", { "Idempotency-Key": "required" });
  const body = paymentCreateSchema.parse(await readJsonBody(request));
  const db = await getDb();
  const { payment, replayed } = await createPayment(db, appCreatePaymentDeps(db), { merchantId: caller.merchantId, idempotencyKey: key.data, body });
  if (!replayed) after(() => deliverWebhooksNow(db));
  return NextResponse.json(payment, { status: replayed ? 200 : 201, headers: replayed ? { "idempotent-replayed": "true" } : {} });
});

/** The merchant's payments, newest first, in keyset pages; `?merchant_order_id=` finds one. */
export const GET = apiRoute(async (request, caller) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = paymentListQuerySchema.parse(params);
  return NextResponse.json(await listApiPayments(await getDb(), { merchantId: caller.merchantId, merchantOrderId: query.merchant_order_id, limit: query.limit, startingAfter: query.starting_after }));
});
