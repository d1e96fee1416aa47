"use server";

import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireMerchantActor } from "@/lib/auth/guard";
import { getConfig } from "@/lib/config";
import { isAppError } from "@/lib/errors";
import { appProvider, processNotificationsNow } from "@/lib/payments/app-provider";
import { refreshPayment } from "@/lib/payments/refresh-payment";
import { simulatePayments } from "@/lib/payments/sandbox/simulate";
import { getDb } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";

type Result = { message: string | null; error: string | null };

export async function refreshPaymentAction(id: string): Promise<Result> {
  const t = await getTranslations("payments");
  try {
    const actor = await requireMerchantActor();
    // Anything but a UUID names no payment (and would be a database error, not a clean answer).
    if (!z.uuid().safeParse(id).success) return { message: null, error: t("drawer.notFound") };
    const db = await getDb();
    const result = await refreshPayment(db, appProvider(db), { merchantId: actor.merchantId, id: String(id), actorId: actor.id, settlementDelayHours: getConfig().payments.settlementDelayHours });
    return { message: result.from === result.to ? t("drawer.refreshedSame") : t("drawer.refreshedChanged"), error: null };
  } catch (error) {
    if (isAppError(error) && error.code === "upstream_failed") return { message: null, error: t("drawer.providerDown") };
    if (isAppError(error) && error.code === "not_found") return { message: null, error: t("drawer.notFound") };
    throw error;
  }
}

export async function simulatePaymentsAction(count: number): Promise<Result> {
  const actor = await requireMerchantActor();
  const t = await getTranslations("payments");
  const config = getConfig();
  if (!config.payments.sandbox) return { message: null, error: t("simulate.unavailable") };
  const n = Math.min(Math.max(Math.trunc(Number(count)) || 0, 1), 200);
  const db = await getDb();
  try {
    const { delivered } = await simulatePayments(db, { merchantId: actor.merchantId, count: n, notifyUrl: `${config.authUrl.replace(/\/$/, "")}/api/webhooks/payments` });
    // The webhook answers first and processes after; finish now so the list shows them at once.
    await processNotificationsNow(db);
    return { message: t("simulate.done", { count: delivered }), error: null };
  } catch (error) {
    logger.warn("payments.simulate_failed", { merchantId: actor.merchantId, error: String(error) });
    return { message: null, error: t("simulate.failed") };
  }
}
