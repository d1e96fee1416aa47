import { randomInt } from "node:crypto";
import type { Db } from "@/db/client";
import type { KeyRing } from "@/lib/crypto/at-rest";
import { formatDecimalAmount } from "@/lib/money/money";
import { createPayment, type CreatePaymentDeps } from "../create-payment";
import { settleSandboxPayment } from "./notify";

const day = 86_400_000;

function pick<T>(weighted: [T, number][]): T {
  let roll = randomInt(weighted.reduce((sum, [, w]) => sum + w, 0));
  for (const [value, weight] of weighted) {
    if ((roll -= weight) < 0) return value;
  }
  return weighted[0]![0];
}

export type SimulatedPayment = { orderId: string; merchantOrderId: string; status: string; amount: string; currency: string };

/**
 * Shoppers of a merchant pay through the same path as a Mini Program: the API's create (intent at
 * the provider, PENDING), then the sandbox provider settles each one (backdated over the last 30
 * days for a demo history) and sends its signed notification to the console's webhook.
 */
export async function simulatePayments(
  db: Db,
  ring: KeyRing,
  deps: CreatePaymentDeps,
  options: { merchantId: string; count: number; now?: Date; concurrency?: number },
): Promise<{ payments: SimulatedPayment[]; delivered: number }> {
  const now = options.now?.getTime() ?? Date.now();
  const plans = Array.from({ length: options.count }, (_, i) => {
    const currency = pick([["CNY", 85], ["HKD", 10], ["USD", 5]]);
    const minor = pick([[randomInt(100, 5_000), 50], [randomInt(5_000, 50_000), 40], [randomInt(50_000, 2_000_000), 10]]);
    // The first payment of a batch is today's, so a fresh demo always has today's tile filled.
    const status = i === 0 ? "SUCCEEDED" : pick([["SUCCEEDED", 85], ["CANCELLED", 10], ["PENDING", 5]] as const);
    // A payment still PENDING is recent: the provider closes one left unpaid past its timeout.
    const createTime = new Date(i === 0 ? now - randomInt(60_000, 600_000) : status === "PENDING" ? now - randomInt(0, 30 * 60_000) : now - randomInt(0, 30 * day));
    const stamp = createTime.toISOString().slice(0, 10).replaceAll("-", "");
    return { currency, amount: formatDecimalAmount(minor, currency), status, createTime, merchantOrderId: `SIM${stamp}${randomInt(1e9).toString().padStart(9, "0")}` };
  });
  const results: SimulatedPayment[] = [];
  let delivered = 0;
  let next = 0;
  const worker = async () => {
    while (next < plans.length) {
      const plan = plans[next++]!;
      const { payment } = await createPayment(db, deps, {
        merchantId: options.merchantId,
        idempotencyKey: `simulate-${plan.merchantOrderId}`,
        body: { amount: plan.amount, currency: plan.currency as "CNY", merchant_order_id: plan.merchantOrderId, description: "Mini Program Payment", payer: { openid: `oSIM${plan.merchantOrderId.slice(-12)}` } },
      });
      results.push({ orderId: payment.order_id, merchantOrderId: payment.merchant_order_id, status: plan.status, amount: payment.amount, currency: payment.currency });
      const payTime = plan.status === "SUCCEEDED" ? new Date(plan.createTime.getTime() + randomInt(2_000, 90_000)) : undefined;
      const { notified } = await settleSandboxPayment(db, ring, { orderId: payment.order_id, status: plan.status, createTime: plan.createTime, payTime });
      if (notified !== null && notified >= 200 && notified < 300) delivered++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, plans.length) }, worker));
  return { payments: results, delivered };
}
