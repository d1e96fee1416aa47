import type { WithdrawalStatus } from "@/db/schema";

/**
 * The sandbox bank's answers, chosen by the last two digits of the amount in minor units so that
 * tests and demos can ask for each outcome: …13 fails, …15 is closed, …14 succeeds and is
 * returned by the bank later; anything else succeeds.
 */
export function sandboxWithdrawalStep(status: WithdrawalStatus, amountMinor: number): { to: WithdrawalStatus; reason?: string; again: boolean } | null {
  const tail = amountMinor % 100;
  if (status === "created") {
    if (tail === 13) return { to: "failed", reason: "bank_rejected", again: false };
    if (tail === 15) return { to: "closed", reason: "closed_by_bank", again: false };
    return { to: "succeeded", again: tail === 14 };
  }
  if (status === "succeeded" && tail === 14) return { to: "returned", reason: "account_closed", again: false };
  return null;
}

/** The sandbox's account verification: an account number ending in 0000 is refused, with a reason. */
export function sandboxAccountVerification(accountNumber: string): { ok: true } | { ok: false; reason: string } {
  return accountNumber.endsWith("0000") ? { ok: false, reason: "account_name_mismatch" } : { ok: true };
}
