"use server";

import { getTranslations } from "next-intl/server";
import { ZodError } from "zod";
import type { SettlementActionResult } from "@/components/funds/settlement-account-form";
import { requireMerchantActor } from "@/lib/auth/guard";
import { getConfig } from "@/lib/config";
import { dataKeyRing } from "@/lib/crypto/keys";
import { isAppError } from "@/lib/errors";
import { requestSettlementChange } from "@/lib/funds/settlement-account";
import { getDb } from "@/lib/server/db";

export async function requestSettlementChangeAction(values: unknown): Promise<SettlementActionResult> {
  const actor = await requireMerchantActor();
  const t = await getTranslations("funds");
  try {
    await requestSettlementChange(await getDb(), dataKeyRing(), { merchantId: actor.merchantId, actorId: actor.id, values, verifySeconds: getConfig().payments.sandboxAccountVerifySeconds });
    return { ok: true, message: t("settlement.requested") };
  } catch (error) {
    if (error instanceof ZodError) return { ok: false, message: t("settlement.invalid"), errors: Object.fromEntries(error.issues.map((i) => [String(i.path[0]), i.message])) };
    if (isAppError(error) && error.code === "validation_failed") return { ok: false, message: t("settlement.invalid"), errors: error.fields };
    if (isAppError(error) && error.code === "rate_limited") return { ok: false, message: t("settlement.limitReached", { max: 5 }) };
    if (isAppError(error) && error.code === "conflict") return { ok: false, message: t("settlement.pendingExists") };
    throw error;
  }
}
