import { createHmac } from "node:crypto";
import type { Db } from "@/db/client";
import { bucketCount, clearBucket, hitBucket } from "@/lib/security/rate-limit";
import { authenticate, type SessionUser } from "./users";

/**
 * Lifts the per-account sign-in lock: the owner proved control of the mailbox with a reset link,
 * so six wrong guesses by someone else no longer keep them out.
 */
export async function clearAccountLock(db: Db, email: string, secret: string): Promise<void> {
  await clearBucket(db, bucketKey(secret, "account", email.trim().toLowerCase()));
}

export type SignInLimits = { perAccount: number; perAddress: number; windowSeconds: number };
export type SignInResult = { ok: true; user: SessionUser } | { ok: false; reason: "invalid" | "rate_limited" | "second_factor_required" };
/** Checks the second factor of a user who enrolled one; a wrong code counts as a failed attempt. */
export type SecondFactor = (user: SessionUser) => Promise<"ok" | "required" | "invalid">;


// Bucket keys are keyed hashes: the table never holds an email or an address.
export function bucketKey(secret: string, kind: "account" | "address", value: string): string {
  return `signin:${kind}:${createHmac("sha256", secret).update(`${kind}:${value}`).digest("base64url")}`;
}

/**
 * Checks a sign-in under the limits per account and per client address. Attempts on an account are
 * counted before the password is checked, so parallel guesses at one account cannot slip past its
 * limit; a success takes its count back and clears the account's failures. An address counts only
 * its failures, so many people signing in at once behind one office NAT are not refused (parallel
 * guesses across accounts may pass the address limit by at most the number in flight). Unknown and
 * known accounts are counted alike.
 */
export async function signInWithLimits(
  db: Db,
  input: { email: string; password: string; address: string },
  limits: SignInLimits,
  secret: string,
  now: Date = new Date(),
  secondFactor?: SecondFactor,
): Promise<SignInResult> {
  const accountKey = bucketKey(secret, "account", input.email.trim().toLowerCase());
  const addressKey = bucketKey(secret, "address", input.address);
  const [accountCount, addressFailures] = await Promise.all([
    hitBucket(db, accountKey, limits.windowSeconds, now),
    bucketCount(db, addressKey, limits.windowSeconds, now),
  ]);
  if (accountCount > limits.perAccount || addressFailures >= limits.perAddress) return { ok: false, reason: "rate_limited" };
  const failed = async (): Promise<SignInResult> => {
    await hitBucket(db, addressKey, limits.windowSeconds, now);
    return { ok: false, reason: "invalid" };
  };
  const user = await authenticate(db, input.email, input.password);
  if (!user) return failed();
  const second = secondFactor ? await secondFactor(user) : "ok";
  if (second === "required") return { ok: false, reason: "second_factor_required" };
  if (second === "invalid") return failed();
  await clearBucket(db, accountKey);
  return { ok: true, user };
}
