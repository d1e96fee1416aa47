import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { and, eq, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { merchants, paymentEvents, paymentRequests, payments } from "@/db/schema";
import { AppError, type ErrorCode } from "@/lib/errors";
import { logger } from "@/lib/runtime/logger";
import type { PaymentBody, PaymentCreate } from "./api-schemas";
import { formatDecimalAmount, parseDecimalAmount } from "@/lib/money/money";
import type { OpenidResolver } from "./openid";
import { firstQueryDelayMs } from "./poll-payments";
import { createPaymentIntent, parseProviderTime, ProviderError, type PaymentProvider } from "./provider";
import { enqueuePaymentEvents, paymentResource } from "./webhooks-out/events";

export type CreatePaymentDeps = {
  provider: PaymentProvider;
  resolveOpenid: OpenidResolver;
  /** The console's webhook, sent to the provider as notify_url. */
  notifyUrl: string;
  /** How long one request may work on a key before another may take over (a crashed worker). */
  claimSeconds?: number;
  /** How long a concurrent retry waits for the first request's answer. */
  waitMs?: number;
};

type Payment = typeof payments.$inferSelect;

/** The API's view of a payment; next_action only while it can still be paid. */
export function paymentBody(p: Payment): PaymentBody {
  return { ...paymentResource(p), next_action: p.status === "PENDING" && p.nextAction ? (p.nextAction as PaymentBody["next_action"]) : null };
}

/** Same body, same hash: keys in a fixed order, amount normalised ("12.5" and "12.50" are one request). */
export function requestHash(input: PaymentCreate): string {
  const canonical = {
    amount: formatDecimalAmount(parseDecimalAmount(input.amount, input.currency), input.currency),
    currency: input.currency,
    merchant_order_id: input.merchant_order_id,
    description: input.description,
    payer: "js_code" in input.payer ? { js_code: input.payer.js_code } : { openid: input.payer.openid },
  };
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

type Failure = { status: number; code: string; message: string };

function failureError(failure: Failure): AppError {
  return new AppError(failure.code as ErrorCode, failure.message);
}

/**
 * `POST /api/v1/payments`: one payment per (merchant, Idempotency-Key), however many times and
 * however concurrently the request is sent. The first request claims the key, resolves the openid,
 * creates the intent at the provider (the provider's create-payment call) and records the payment PENDING; the others
 * wait for its answer and get the same payment. The same key with another body is a 409.
 */
export async function createPayment(db: Db, deps: CreatePaymentDeps, input: { merchantId: string; idempotencyKey: string; body: PaymentCreate }): Promise<{ payment: PaymentBody; replayed: boolean }> {
  const hash = requestHash(input.body);
  const claimMs = (deps.claimSeconds ?? 60) * 1000;
  const waitUntil = Date.now() + (deps.waitMs ?? 30_000);
  for (;;) {
    const [claimed] = await db
      .insert(paymentRequests)
      .values({ merchantId: input.merchantId, idempotencyKey: input.idempotencyKey, requestHash: hash, claimedUntil: new Date(Date.now() + claimMs) })
      .onConflictDoNothing()
      .returning({ id: paymentRequests.id });
    if (claimed) return { payment: await perform(db, deps, input, claimed.id), replayed: false };

    const [row] = await db.select().from(paymentRequests).where(and(eq(paymentRequests.merchantId, input.merchantId), eq(paymentRequests.idempotencyKey, input.idempotencyKey)));
    if (!row) continue; // released by a failed first attempt: claim it now
    if (row.requestHash !== hash) throw new AppError("conflict", "This Idempotency-Key was already used with a different request body.");
    if (row.paymentId) {
      const [payment] = await db.select().from(payments).where(and(eq(payments.id, row.paymentId), eq(payments.merchantId, input.merchantId)));
      return { payment: paymentBody(payment!), replayed: true };
    }
    if (row.failure) throw failureError(row.failure);
    // The first request's worker died: take the key over.
    if (row.claimedUntil && row.claimedUntil.getTime() < Date.now()) {
      const [taken] = await db
        .update(paymentRequests)
        .set({ claimedUntil: new Date(Date.now() + claimMs) })
        .where(and(eq(paymentRequests.id, row.id), lt(paymentRequests.claimedUntil, new Date())))
        .returning({ id: paymentRequests.id });
      if (taken) return { payment: await perform(db, deps, input, taken.id), replayed: false };
    }
    if (Date.now() > waitUntil) throw new AppError("conflict", "A request with this Idempotency-Key is still being processed. Retry shortly.");
    await sleep(100);
  }
}

/** The claimed request's work; every outcome is recorded on the claim so that retries answer alike. */
async function perform(db: Db, deps: CreatePaymentDeps, input: { merchantId: string; body: PaymentCreate }, requestId: string): Promise<PaymentBody> {
  const fail = async (failure: Failure): Promise<never> => {
    await db.update(paymentRequests).set({ failure, claimedUntil: null }).where(eq(paymentRequests.id, requestId));
    throw failureError(failure);
  };
  // Nothing was sent anywhere that cannot be repeated: let the same key try again.
  const release = async (error: unknown): Promise<never> => {
    await db.delete(paymentRequests).where(eq(paymentRequests.id, requestId));
    throw error;
  };

  const { body } = input;
  const [merchant] = await db.select({ id: merchants.id, miniProgram: merchants.miniProgram }).from(merchants).where(eq(merchants.id, input.merchantId));
  if (!merchant?.miniProgram.appid) return fail({ status: 409, code: "conflict", message: "This merchant has no Mini Program appid on record." });
  const [taken] = await db.select({ id: payments.id }).from(payments).where(and(eq(payments.merchantId, merchant.id), eq(payments.merchantOrderId, body.merchant_order_id)));
  if (taken) return fail({ status: 409, code: "conflict", message: "A payment with this merchant_order_id exists already. Use a new merchant_order_id, or the same Idempotency-Key to get that payment." });

  let openid: string;
  try {
    openid = "openid" in body.payer ? body.payer.openid : await deps.resolveOpenid({ merchantId: merchant.id, appid: merchant.miniProgram.appid }, body.payer.js_code);
  } catch (error) {
    // A refused code is final for this request (a code is single-use); WeChat being down is not.
    if (error instanceof AppError && (error.code === "validation_failed" || error.code === "upstream_failed")) return fail({ status: error.status, code: error.code, message: error.message });
    return release(error);
  }

  let created;
  try {
    created = await createPaymentIntent(deps.provider, {
      amount: formatDecimalAmount(parseDecimalAmount(body.amount, body.currency), body.currency),
      currency: body.currency,
      merchant_order_id: body.merchant_order_id,
      payment_method: { type: "wechat", wechat: { flow: "mini_program", sub_appid: merchant.miniProgram.appid, sub_openid: openid } },
      description: body.description,
      notify_url: deps.notifyUrl,
    });
  } catch (error) {
    if (error instanceof ProviderError && error.permanent) {
      logger.warn("payments.create.refused", { merchantId: merchant.id, rid: error.details.rid, code: error.details.code });
      return fail({ status: 502, code: "upstream_failed", message: `The payment provider refused this payment (code ${error.details.code ?? "unknown"}).` });
    }
    logger.warn("payments.create.provider_unavailable", { merchantId: merchant.id, error: String(error) });
    return release(new AppError("unavailable", "The payment provider could not be reached. Retry with the same Idempotency-Key."));
  }

  const now = new Date();
  const payment = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(payments)
      .values({
        merchantId: merchant.id,
        orderId: created.order_id,
        merchantOrderId: created.merchant_order_id,
        amountMinor: parseDecimalAmount(created.amount, created.currency),
        currency: created.currency,
        status: "PENDING",
        description: body.description,
        createdAt: parseProviderTime(created.create_time),
        nextAction: created.next_action.data,
        nextQueryAt: new Date(now.getTime() + firstQueryDelayMs),
        queriedAt: now,
      })
      .returning();
    await tx.insert(paymentEvents).values({ paymentId: row!.id, merchantId: merchant.id, source: "create", fromStatus: null, toStatus: "PENDING", createdAt: now });
    await enqueuePaymentEvents(tx, [row!], now);
    await tx.update(paymentRequests).set({ paymentId: row!.id, claimedUntil: null }).where(eq(paymentRequests.id, requestId));
    return row!;
  });
  return paymentBody(payment);
}
