import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { findSessionUser, type SessionUser } from "./users";

/** Idle renewal: a session unused for this long ends (next-auth's maxAge, renewed on use). */
export const SESSION_IDLE_SECONDS = 8 * 60 * 60;
/** Absolute lifetime from sign-in: renewal never takes a session past it. */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;

/** What a session token carries to be checked against the database on every request. */
export type SessionClaims = { uid?: string; sv?: number; authAt?: number };

export class SessionEnded extends Error {
  override name = "SessionEnded";
}

/**
 * The user a session token stands for, or SessionEnded: past its absolute lifetime, issued
 * before the user's session version was raised (sign-out, password change or reset, role
 * removal), or the user or their merchant deactivated.
 */
export async function checkSession(db: Db, claims: SessionClaims, now: Date = new Date()): Promise<SessionUser> {
  if (!claims.uid || claims.sv === undefined || claims.authAt === undefined) throw new SessionEnded("old token");
  if (now.getTime() / 1000 - claims.authAt > SESSION_ABSOLUTE_SECONDS) throw new SessionEnded("absolute lifetime");
  const user = await findSessionUser(db, claims.uid);
  if (!user) throw new SessionEnded("user gone");
  if (user.sessionVersion !== claims.sv) throw new SessionEnded("revoked");
  return user;
}

/** Ends every session of a user at once; callers pass their transaction. */
export async function endAllSessions(db: Db, userId: string): Promise<void> {
  await db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
}
