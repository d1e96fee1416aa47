import { createHmac } from "node:crypto";
import type { Db } from "@/db/client";
import { clearBucket, hitBucket, unhitBucket } from "@/lib/security/rate-limit";
import { authenticate, type SessionUser } from "./users";

export type SignInLimits = { perAccount: number; perAddress: number; windowSeconds: number };
export type SignInResult = { ok: true; user: SessionUser } | { ok: false; reason: "invalid" | "rate_limited" };


// Bucket keys are keyed hashes: the table never holds an email or an address.
function bucketKey(secret: string, kind: "account" | "address", value: string): string {
  return `signin:${kind}:${createHmac("sha256", secret).update(`${kind}:${value}`).digest("base64url")}`;
}

/**
 * Checks a sign-in under the limits per account and per client address. Every attempt is counted
 * before the password is checked, so parallel guesses cannot slip past the limit; a success takes
 * its count back and clears the account's failures. Unknown and known accounts are counted alike.
 */
export async function signInWithLimits(
  db: Db,
  input: { email: string; password: string; address: string },
  limits: SignInLimits,
  secret: string,
  now: Date = new Date(),
): Promise<SignInResult> {
  const accountKey = bucketKey(secret, "account", input.email.trim().toLowerCase());
  const addressKey = bucketKey(secret, "address", input.address);
  const [accountCount, addressCount] = await Promise.all([
    hitBucket(db, accountKey, limits.windowSeconds, now),
    hitBucket(db, addressKey, limits.windowSeconds, now),
  ]);
  if (accountCount > limits.perAccount || addressCount > limits.perAddress) return { ok: false, reason: "rate_limited" };
  const user = await authenticate(db, input.email, input.password);
  if (!user) return { ok: false, reason: "invalid" };
  await Promise.all([clearBucket(db, accountKey), unhitBucket(db, addressKey)]);
  return { ok: true, user };
}
