import { and, count, eq, isNull } from "drizzle-orm";
import QRCode from "qrcode";
import type { Db } from "@/db/client";
import { recoveryCodes, users } from "@/db/schema";
import { endAllSessions } from "@/lib/auth/session";
import { hashRecoveryCode, matchingStep, newRecoveryCodes, newTotpSecret, openTotpSecret, totpFor } from "@/lib/auth/two-factor";
import { sealString, type KeyRing } from "@/lib/crypto/at-rest";
import { writeAudit } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors";

export type Enrolment = { secret: string; otpauthUri: string; qrDataUrl: string };

/**
 * The pending enrolment of a user who has not turned two-factor on: the secret stays the same
 * across reloads until confirmed, so a scanned QR code keeps working.
 */
export async function pendingEnrolment(db: Db, ring: KeyRing, userId: string): Promise<Enrolment | null> {
  const [user] = await db.select({ email: users.email, sealed: users.totpSecretSealed, enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  if (!user || user.enabledAt) return null;
  let secret: string;
  if (user.sealed) {
    secret = openTotpSecret(ring, user.sealed);
  } else {
    secret = newTotpSecret();
    await db.update(users).set({ totpSecretSealed: sealString(ring, secret) }).where(and(eq(users.id, userId), isNull(users.totpEnabledAt)));
  }
  const otpauthUri = totpFor(secret, user.email).toString();
  return { secret, otpauthUri, qrDataUrl: await QRCode.toDataURL(otpauthUri, { margin: 1, width: 220 }) };
}

/** Turns two-factor on with a code from the app and answers the ten recovery codes, shown once. */
export async function confirmEnrolment(db: Db, ring: KeyRing, userId: string, code: string, now: Date = new Date()): Promise<string[]> {
  const [user] = await db.select({ sealed: users.totpSecretSealed, enabledAt: users.totpEnabledAt, merchantId: users.merchantId }).from(users).where(eq(users.id, userId));
  if (!user?.sealed || user.enabledAt) throw new AppError("conflict", "Two-factor sign-in is already on or not started.");
  const step = matchingStep(openTotpSecret(ring, user.sealed), code.trim(), now);
  if (step === null) throw new AppError("validation_failed", "That code is not correct.", { code: "twoFactor.wrongCode" });
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    const updated = await tx.update(users).set({ totpEnabledAt: now, totpLastStep: step }).where(and(eq(users.id, userId), isNull(users.totpEnabledAt))).returning({ id: users.id });
    if (updated.length !== 1) throw new AppError("conflict", "Two-factor sign-in is already on.");
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })));
    await writeAudit(tx, { actorId: userId, merchantId: user.merchantId, action: "two_factor_enabled", subjectType: "user", subjectId: userId });
  });
  return codes;
}

export async function recoveryCodesLeft(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return Number(row?.n ?? 0);
}

/**
 * A support admin clears a person's lost device: secret and recovery codes go, every session
 * ends, and staff must enrol again before they see merchant data. Never one's own.
 */
export async function resetTwoFactor(db: Db, actorId: string, userId: string): Promise<void> {
  if (actorId === userId) throw new AppError("forbidden", "You cannot reset your own two-factor sign-in.");
  await db.transaction(async (tx) => {
    const updated = await tx.update(users).set({ totpSecretSealed: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, userId)).returning({ merchantId: users.merchantId });
    if (updated.length !== 1) throw new AppError("not_found", "No such person.");
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await endAllSessions(tx, userId);
    await writeAudit(tx, { actorId, merchantId: updated[0]!.merchantId, action: "two_factor_reset", subjectType: "user", subjectId: userId });
  });
}
