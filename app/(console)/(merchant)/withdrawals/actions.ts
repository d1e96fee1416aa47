"use server";

import { z } from "zod";
import { openString } from "@/lib/crypto/at-rest";
import { dataKeyRing } from "@/lib/crypto/keys";
import { isAppError } from "@/lib/errors";
import { getFundsSandbox, merchantAppid, withdrawalDepsFor } from "@/lib/funds/app-gateway";
import { getWithdrawal } from "@/lib/funds/list-withdrawals";
import { withdrawalRequestSchema } from "@/lib/funds/schemas";
import { maskAccountNumber } from "@/lib/funds/settlement-account";
import { asFundsFailure, requestWithdrawal } from "@/lib/funds/withdrawals";
import { merchantAction } from "@/lib/server/action";

export const requestWithdrawalAction = merchantAction(withdrawalRequestSchema, async function requestWithdrawalAction(request, { actor, db }) {
  const ring = dataKeyRing();
  try {
    const { created, withdrawal } = await requestWithdrawal(db, await withdrawalDepsFor(db, actor.merchantId), {
      merchantId: actor.merchantId,
      actorId: actor.id,
      request,
      maskAccount: (sealed) => maskAccountNumber(openString(ring, sealed)),
    });
    return { created, withdrawalId: withdrawal.id };
  } catch (error) {
    throw asFundsFailure(error);
  }
});

const sandboxScanSchema = z.object({ id: z.uuid(), outcome: z.enum(["scanned", "confirmed", "cancelled"]) });

/** Sandbox only: stands for the merchant's phone scanning the withdrawal's QR code in WeChat. */
export const sandboxScanAction = merchantAction(sandboxScanSchema, async function sandboxScanAction({ id, outcome }, { actor, db }) {
  const sandbox = getFundsSandbox();
  if (!sandbox) return { done: false };
  const found = await getWithdrawal(db, { merchantId: actor.merchantId, id }).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") return null;
    throw error;
  });
  if (!found?.withdrawal.qrcodeTicket) return { done: false };
  return { done: await (await sandbox).scan(await merchantAppid(db, actor.merchantId), found.withdrawal.qrcodeTicket, outcome) };
});
