import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { merchants, users, type UserRole } from "@/db/schema";
import { verifyOrBurn } from "./password";

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  merchantId: string | null;
  merchantName: string | null;
  sessionVersion: number;
  locale: string;
  /** When the person enrolled two-factor sign-in; staff without it see no merchant data. */
  totpEnabledAt: Date | null;
};

/** The user if they may use the console now: not deactivated, and their merchant not deactivated. */
export async function findSessionUser(db: Db, userId: string): Promise<SessionUser | null> {
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      merchantId: users.merchantId,
      merchantName: merchants.name,
      sessionVersion: users.sessionVersion,
      locale: users.locale,
      totpEnabledAt: users.totpEnabledAt,
    })
    .from(users)
    .leftJoin(merchants, eq(users.merchantId, merchants.id))
    .where(and(eq(users.id, userId), isNull(users.deactivatedAt), isNull(merchants.deactivatedAt)))
    .limit(1);
  return rows[0] ?? null;
}

/** Checks an email and password; unknown emails and wrong passwords take the same time and give the same answer. */
export async function authenticate(db: Db, email: string, password: string): Promise<SessionUser | null> {
  const normalized = email.trim().toLowerCase();
  const [row] = await db.select({ id: users.id, hash: users.passwordHash }).from(users).where(eq(users.email, normalized)).limit(1);
  const ok = await verifyOrBurn(password, row?.hash ?? undefined);
  if (!ok || !row) return null;
  return findSessionUser(db, row.id);
}
