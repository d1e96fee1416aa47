import { createHmac } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { endAllSessions } from "@/lib/auth/session";
import { clearAccountLock } from "@/lib/auth/sign-in";
import { writeAudit } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors";
import { renderMail } from "@/lib/mail/templates";
import { sendMail } from "@/lib/mail/send";
import { hitBucket } from "@/lib/security/rate-limit";
import { logger } from "@/lib/runtime/logger";
import { createLink, findUsableLink, linkUrl, spendLink } from "./links";

/** Reset requests per email and per client address in one hour. */
export const RESET_LIMITS = { perEmail: 3, perAddress: 20, windowSeconds: 3600 };

/** Changes a signed-in user's password: the current one is required; every session ends. */
export async function changePassword(db: Db, userId: string, current: string, next: string): Promise<void> {
  const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user?.hash || !(await verifyPassword(current, user.hash))) throw new AppError("validation_failed", "The current password is not correct.", { current: "password.currentWrong" });
  const hash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash: hash }).where(eq(users.id, userId));
    await endAllSessions(tx, userId);
    await writeAudit(tx, { actorId: userId, merchantId: null, action: "password_changed", subjectType: "user", subjectId: userId });
  });
}

function limitKey(secret: string, kind: string, value: string): string {
  return `reset:${kind}:${createHmac("sha256", secret).update(value).digest("base64url")}`;
}

/**
 * Sends a reset link if the email belongs to an active account. The caller answers the same
 * whether it does or not; over the limit nothing is sent (and the answer is still the same).
 */
export async function requestPasswordReset(db: Db, input: { email: string; address: string }, options: { baseUrl: string; secret: string }): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const [emailCount, addressCount] = await Promise.all([
    hitBucket(db, limitKey(options.secret, "email", email), RESET_LIMITS.windowSeconds),
    hitBucket(db, limitKey(options.secret, "address", input.address), RESET_LIMITS.windowSeconds),
  ]);
  if (emailCount > RESET_LIMITS.perEmail || addressCount > RESET_LIMITS.perAddress) {
    logger.warn("auth.reset_rate_limited");
    return;
  }
  const [user] = await db.select({ id: users.id, locale: users.locale, merchantId: users.merchantId }).from(users).where(and(eq(users.email, email), isNull(users.deactivatedAt)));
  if (!user) return;
  const link = await db.transaction(async (tx) => {
    const created = await createLink(tx, { kind: "password_reset", email, userId: user.id });
    await writeAudit(tx, { actorId: user.id, merchantId: user.merchantId, action: "password_reset_requested", subjectType: "user", subjectId: user.id });
    return created;
  });
  const url = linkUrl(options.baseUrl, "password_reset", link.token);
  await sendMail(renderMail("passwordReset", user.locale, email, { link: url }));
}

/**
 * Sets a password through a one-time link (a reset or a new account's first password). Every
 * session of the user ends, and the sign-in lock on the account is lifted: whoever holds the
 * link controls the mailbox.
 */
export async function setPasswordWithLink(db: Db, token: string, password: string, secret: string): Promise<{ email: string }> {
  const link = await findUsableLink(db, token, ["password_reset", "set_password"]);
  if (!link?.userId) throw new AppError("not_found", "This link has expired or was already used.");
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    if (!(await spendLink(tx, link.id))) throw new AppError("not_found", "This link has expired or was already used.");
    await tx.update(users).set({ passwordHash: hash }).where(eq(users.id, link.userId!));
    await endAllSessions(tx, link.userId!);
    await writeAudit(tx, { actorId: link.userId, merchantId: link.merchantId, action: "password_reset", subjectType: "user", subjectId: link.userId!, reason: link.kind });
  });
  await clearAccountLock(db, link.email, secret);
  return { email: link.email };
}
