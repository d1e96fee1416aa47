"use server";

import { z } from "zod";
import { merchantRoles } from "@/lib/auth/roles";
import { getConfig } from "@/lib/config";
import { dataKeyRing } from "@/lib/crypto/keys";
import { AppError } from "@/lib/errors";
import { bookSandboxOrders } from "@/lib/funds/app-gateway";
import { appCreatePaymentDeps, appProvider, processNotificationsNow } from "@/lib/payments/app-provider";
import { refreshPayment } from "@/lib/payments/refresh-payment";
import { simulatePayments } from "@/lib/payments/sandbox/simulate";
import { merchantAction } from "@/lib/server/action";

// Anything but a UUID names no payment (and would be a database error, not a clean answer).
const refreshInput = z.object({ id: z.uuid() });

/** Asks the provider where a payment stands now; any of the merchant's people may. */
export const refreshPaymentAction = merchantAction(refreshInput, async function refreshPaymentAction({ id }, { actor, db }) {
  const result = await refreshPayment(db, appProvider(db), { merchantId: actor.merchantId, id, actorId: actor.id, settlementDelayHours: getConfig().payments.settlementDelayHours });
  return { changed: result.from !== result.to };
}, { roles: merchantRoles });

const simulateInput = z.object({ count: z.coerce.number().int().catch(40).transform((n) => Math.min(Math.max(n, 1), 200)) });

/** Sandbox only: the provider takes some test payments and notifies the webhook. */
export const simulatePaymentsAction = merchantAction(simulateInput, async function simulatePaymentsAction({ count }, { actor, db }) {
  if (!getConfig().payments.sandbox) throw new AppError("forbidden", "Payments are simulated in the sandbox only.", undefined, { reason: "sandbox_only" });
  const { delivered, payments } = await simulatePayments(db, dataKeyRing(), appCreatePaymentDeps(db), { merchantId: actor.merchantId, count });
  // The webhook answers first and processes after; finish now so the list shows them at once.
  await processNotificationsNow(db);
  await bookSandboxOrders(db, actor.merchantId, payments.map((p) => p.orderId));
  return { delivered };
});
