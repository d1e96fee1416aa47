import type { Db } from "@/db/client";
import { AppError } from "@/lib/errors";
import { applyProviderPayment } from "./apply-payment";
import { getPayment } from "./get-payment";
import { ProviderError, queryPaymentIntent, type PaymentProvider } from "./provider";

/** The Refresh action: asks the provider again and applies what it says (never moving back from final). */
export async function refreshPayment(db: Db, provider: PaymentProvider, input: { merchantId: string; id: string; actorId: string; settlementDelayHours: number }) {
  const { payment } = await getPayment(db, { merchantId: input.merchantId, id: input.id });
  try {
    const reported = await queryPaymentIntent(provider, { order_id: payment.orderId, merchant_order_id: payment.merchantOrderId });
    // We asked about our own order: an answer about another one is not applied.
    if (reported.order_id !== payment.orderId) throw new AppError("upstream_failed", "The provider's answer does not match this payment.");
    return await applyProviderPayment(db, reported, { source: "refresh", actorId: input.actorId, settlementDelayHours: input.settlementDelayHours });
  } catch (error) {
    if (error instanceof ProviderError) throw new AppError("upstream_failed", "The payment provider could not be reached. Try again shortly.");
    throw error;
  }
}
