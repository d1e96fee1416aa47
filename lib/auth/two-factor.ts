import { createHash } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import type { Db } from "@/db/client";
import { recoveryCodes, users } from "@/db/schema";
import { openString, type KeyRing } from "@/lib/crypto/at-rest";

/** RFC 6238 defaults that every authenticator app reads: SHA-1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer: "WeChat Pay Console", label, algorithm: "SHA1", digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** The current code for a secret: for the demo scripts and tests that sign staff in. */
export function currentTotpCode(secretBase32: string, now: Date = new Date()): string {
  return totpFor(secretBase32, "x").generate({ timestamp: now.getTime() });
}

/** The 30-second step a code matches (one step of clock drift either way), or null. */
export function matchingStep(secretBase32: string, code: string, now: Date = new Date()): number | null {
  const delta = totpFor(secretBase32, "x").validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normalizeRecoveryCode(code)).digest("hex");
}

function normalizeRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, "").toLowerCase();
}

/** Ten codes of 10 base32 characters (50 bits each), shown as xxxxx-xxxxx. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = new Secret({ size: 7 }).base32.slice(0, 10).toLowerCase();
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

export type SecondFactorCheck = "ok" | "invalid";

/**
 * Checks a sign-in code: a TOTP code for a step after the last one accepted, or an unused
 * recovery code (then spent). Both updates are conditional so two parallel uses of one code
 * cannot both pass.
 */
export async function checkSecondFactor(db: Db, ring: KeyRing, userId: string, code: string, now: Date = new Date()): Promise<SecondFactorCheck> {
  const trimmed = code.trim();
  const [user] = await db.select({ sealed: users.totpSecretSealed, lastStep: users.totpLastStep }).from(users).where(eq(users.id, userId));
  if (!user?.sealed) return "invalid";
  if (/^\d{6}$/.test(trimmed)) {
    const step = matchingStep(openString(ring, user.sealed), trimmed, now);
    if (step === null || (user.lastStep !== null && step <= user.lastStep)) return "invalid";
    const updated = await db
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, userId), user.lastStep === null ? isNull(users.totpLastStep) : eq(users.totpLastStep, user.lastStep)))
      .returning({ id: users.id });
    return updated.length === 1 ? "ok" : "invalid";
  }
  const spent = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(trimmed)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return spent.length === 1 ? "ok" : "invalid";
}

export function openTotpSecret(ring: KeyRing, sealed: string): string {
  return openString(ring, sealed);
}
