"use server";

import { getTranslations } from "next-intl/server";
import { ZodError } from "zod";
import type { WithdrawalActionResult } from "@/components/funds/withdrawal-form";
import { requireMerchantActor } from "@/lib/auth/guard";
import { getConfig } from "@/lib/config";
import { openString } from "@/lib/crypto/at-rest";
import { dataKeyRing } from "@/lib/crypto/keys";
import { requestWithdrawal } from "@/lib/funds/request-withdrawal";
import { maskAccountNumber } from "@/lib/funds/settlement-account";
import { isAppError } from "@/lib/errors";
import { getDb } from "@/lib/server/db";

export async function requestWithdrawalAction(values: unknown): Promise<WithdrawalActionResult> {
  const actor = await requireMerchantActor();
  const t = await getTranslations("funds");
  const ring = dataKeyRing();
  try {
    const { created } = await requestWithdrawal(await getDb(), {
      merchantId: actor.merchantId,
      actorId: actor.id,
      request: values,
      firstCheckSeconds: getConfig().payments.sandboxWithdrawalSeconds,
      maskAccount: (sealed) => maskAccountNumber(openString(ring, sealed)),
    });
    return { ok: true, message: created ? t("withdraw.created") : t("withdraw.duplicate") };
  } catch (error) {
    if (error instanceof ZodError) {
      return { ok: false, message: t("withdraw.invalid"), errors: Object.fromEntries(error.issues.map((i) => [String(i.path[0]), i.message])) };
    }
    if (isAppError(error) && error.code === "validation_failed") return { ok: false, message: t("validation.amountOverBalance"), errors: error.fields };
    if (isAppError(error) && error.code === "conflict") return { ok: false, message: t(error.message.startsWith("Add") ? "withdraw.needAccount" : "withdraw.keyReused") };
    throw error;
  }
}
