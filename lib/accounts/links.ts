import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accountLinks, type AccountLinkKind, type UserRole } from "@/db/schema";

/** Invitations and first-password links last 72 hours; a password reset one hour. */
export const LINK_LIFETIME_HOURS: Record<AccountLinkKind, number> = { invitation: 72, set_password: 72, password_reset: 1 };

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The path a link opens; the token travels only in the mail (or the operator's terminal). */
export function linkPath(kind: AccountLinkKind, token: string): string {
  return kind === "invitation" ? `/invitation/${token}` : `/set-password/${token}`;
}

export function linkUrl(baseUrl: string, kind: AccountLinkKind, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${linkPath(kind, token)}`;
}

export type NewLink = {
  kind: AccountLinkKind;
  email: string;
  userId?: string | null;
  merchantId?: string | null;
  role?: UserRole | null;
  createdBy?: string | null;
};

/** Stores a new one-time link (only its hash) and answers the token to send. */
export async function createLink(db: Db, link: NewLink, now: Date = new Date()): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + LINK_LIFETIME_HOURS[link.kind] * 3600_000);
  const [row] = await db
    .insert(accountLinks)
    .values({ kind: link.kind, tokenHash: hashLinkToken(token), email: link.email.trim().toLowerCase(), userId: link.userId ?? null, merchantId: link.merchantId ?? null, role: link.role ?? null, createdBy: link.createdBy ?? null, createdAt: now, expiresAt })
    .returning({ id: accountLinks.id });
  return { id: row!.id, token, expiresAt };
}

export type OpenLink = typeof accountLinks.$inferSelect;

/** The link a token names if it is still usable: not used, not revoked, not expired. */
export async function findUsableLink(db: Db, token: string, kinds: readonly AccountLinkKind[], now: Date = new Date()): Promise<OpenLink | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await db
    .select()
    .from(accountLinks)
    .where(and(eq(accountLinks.tokenHash, hashLinkToken(token)), isNull(accountLinks.usedAt), isNull(accountLinks.revokedAt), gt(accountLinks.expiresAt, now)));
  return row && kinds.includes(row.kind) ? row : null;
}

/**
 * Marks a link used, conditionally, inside the caller's transaction: of two parallel uses of one
 * link exactly one gets true.
 */
export async function spendLink(db: Db, id: string, now: Date = new Date()): Promise<boolean> {
  const spent = await db
    .update(accountLinks)
    .set({ usedAt: now })
    .where(and(eq(accountLinks.id, id), isNull(accountLinks.usedAt), isNull(accountLinks.revokedAt), gt(accountLinks.expiresAt, now)))
    .returning({ id: accountLinks.id });
  return spent.length === 1;
}
