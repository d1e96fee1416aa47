import { eq } from "drizzle-orm";
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
};

export async function findSessionUser(db: Db, userId: string): Promise<SessionUser | null> {
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      merchantId: users.merchantId,
      merchantName: merchants.name,
    })
    .from(users)
    .leftJoin(merchants, eq(users.merchantId, merchants.id))
    .where(eq(users.id, userId))
    .limit(1);
  return rows[0] ?? null;
}

/** Checks an email and password; unknown emails and wrong passwords take the same time and give the same answer. */
export async function authenticate(db: Db, email: string, password: string): Promise<SessionUser | null> {
  const normalized = email.trim().toLowerCase();
  const [row] = await db.select({ id: users.id, hash: users.passwordHash }).from(users).where(eq(users.email, normalized)).limit(1);
  const ok = await verifyOrBurn(password, row?.hash);
  if (!ok || !row) return null;
  return findSessionUser(db, row.id);
}
