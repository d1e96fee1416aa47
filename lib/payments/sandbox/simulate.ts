import { randomInt } from "node:crypto";
import type { Db } from "@/db/client";
import { sandboxPayments } from "@/db/schema";
import { formatDecimalAmount } from "../money";
import { deliverNotification, notifyTypeFor } from "./notify";
import { newOrderId } from "./provider-handler";

const day = 86_400_000;

function pick<T>(weighted: [T, number][]): T {
  let roll = randomInt(weighted.reduce((sum, [, w]) => sum + w, 0));
  for (const [value, weight] of weighted) {
    if ((roll -= weight) < 0) return value;
  }
  return weighted[0]![0];
}

/** A decimal string as a provider writes it: "12.5", "199", "0.01". */
function providerAmount(minor: number, currency: string): string {
  const text = formatDecimalAmount(minor, currency);
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

export type SimulatedPayment = { orderId: string; merchantOrderId: string; status: string; amount: string; currency: string };

/**
 * The sandbox provider takes payments from shoppers of a merchant over the last 30 days and
 * notifies the merchant's webhook of each, signed.
 */
export async function simulatePayments(
  db: Db,
  options: { merchantId: string; count: number; notifyUrl: string; now?: Date; concurrency?: number },
): Promise<{ payments: SimulatedPayment[]; delivered: number }> {
  const now = options.now?.getTime() ?? Date.now();
  const rows = Array.from({ length: options.count }, (_, i) => {
    const currency = pick([["CNY", 85], ["HKD", 10], ["USD", 5]]);
    const minor = pick([[randomInt(100, 5_000), 50], [randomInt(5_000, 50_000), 40], [randomInt(50_000, 2_000_000), 10]]);
    // The first payment of a batch is today's, so a fresh demo always has today's tile filled.
    const createTime = new Date(i === 0 ? now - randomInt(60_000, 600_000) : now - randomInt(0, 30 * day));
    const status = i === 0 ? "SUCCEEDED" : pick([["SUCCEEDED", 85], ["CANCELLED", 10], ["PENDING", 5]]);
    const stamp = createTime.toISOString().slice(0, 10).replaceAll("-", "");
    return {
      orderId: newOrderId(),
      merchantOrderId: `SIM${stamp}${randomInt(1e9).toString().padStart(9, "0")}`,
      subMerchantId: options.merchantId,
      amount: providerAmount(minor, currency),
      currency,
      status,
      description: "Mini Program Payment",
      notifyUrl: options.notifyUrl,
      createTime,
      payTime: status === "SUCCEEDED" ? new Date(createTime.getTime() + randomInt(2_000, 90_000)) : null,
    };
  });
  if (rows.length) await db.insert(sandboxPayments).values(rows);
  let delivered = 0;
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const row = rows[next++]!;
      const status = await deliverNotification(db, options.notifyUrl, {
        notify_type: notifyTypeFor[row.status as keyof typeof notifyTypeFor],
        order_id: row.orderId,
        merchant_order_id: row.merchantOrderId,
      });
      if (status >= 200 && status < 300) delivered++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, rows.length) }, worker));
  return { payments: rows.map((r) => ({ orderId: r.orderId, merchantOrderId: r.merchantOrderId, status: r.status, amount: r.amount, currency: r.currency })), delivered };
}
