import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getDb } from "@/lib/server/db";
import type { UserRole } from "@/db/schema";
import { authOptions } from "./options";
import { findSessionUser, type SessionUser } from "./users";

export type { SessionUser };

/** A merchant admin with the merchant they act for. */
export type MerchantActor = SessionUser & { role: "merchant_admin"; merchantId: string; merchantName: string };
export type SupportActor = SessionUser & { role: "support" };

/**
 * The signed-in user, re-read from the database on every call so that a deleted user or a changed
 * role takes effect at once rather than when the JWT expires.
 */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  return findSessionUser(await getDb(), id);
}

function allowed(user: SessionUser, roles: readonly UserRole[]): boolean {
  return roles.length === 0 || roles.includes(user.role);
}

/** For pages and layouts: signed-out users go to /login, the wrong role gets the 403 page. */
export async function requirePageUser(...roles: UserRole[]): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  if (!allowed(user, roles)) forbidden();
  return user;
}

/** For server actions and route handlers: throws AppError (401/403) instead of rendering. */
export async function requireActor(...roles: UserRole[]): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
  if (!allowed(user, roles)) throw new AppError("forbidden", "You do not have access to this.");
  return user;
}

export async function requireMerchantActor(): Promise<MerchantActor> {
  const user = await requireActor("merchant_admin");
  if (!user.merchantId || !user.merchantName) throw new AppError("forbidden", "Your account is not linked to a merchant.");
  return user as MerchantActor;
}

export async function requireSupportActor(): Promise<SupportActor> {
  return (await requireActor("support")) as SupportActor;
}

export async function requireMerchantPage(): Promise<MerchantActor> {
  const user = await requirePageUser("merchant_admin");
  if (!user.merchantId) forbidden();
  return user as MerchantActor;
}

/**
 * The merchant whose data a user may touch: a merchant admin only their own; support any merchant
 * they name. Every tenant-scoped query takes its result.
 */
export function merchantScopeFor(user: SessionUser, requestedMerchantId?: string): string {
  if (user.role === "merchant_admin") {
    if (!user.merchantId) throw new AppError("forbidden", "Your account is not linked to a merchant.");
    if (requestedMerchantId && requestedMerchantId !== user.merchantId) throw new AppError("not_found", "Not found.");
    return user.merchantId;
  }
  if (!requestedMerchantId) throw new AppError("bad_request", "Name the merchant.");
  return requestedMerchantId;
}
