import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { AppError } from "@/lib/errors";
import { getDb } from "@/lib/runtime/db";
import type { UserRole } from "@/db/schema";
import { authOptions } from "./options";
import { canEditMerchant, isMerchantRole, isStaffRole, merchantRoles, staffRoles, type MerchantRole, type StaffRole } from "./roles";
import { findSessionUser, type SessionUser } from "./users";

export type { SessionUser };

/** One of a merchant's people with the merchant they act for. */
export type MerchantActor = SessionUser & { role: MerchantRole; merchantId: string; merchantName: string };
export type SupportActor = SessionUser & { role: StaffRole };

/** Where staff go to enrol two-factor sign-in before they see any merchant data. */
export const TWO_FACTOR_SETUP_PATH = "/account/two-factor";

/**
 * The signed-in user, re-read from the database on every call (the session's jwt callback checks
 * the session version and lifetime), so that sign-out elsewhere, a changed role or a deactivation
 * take effect at once rather than when the token expires. Once per page render: the layouts and
 * the page of one request share the answer (React's cache); actions and handlers read it afresh.
 */
export const currentUser = cache(async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  return findSessionUser(await getDb(), id);
});

// A support_admin can do everything support can.
function allowed(user: SessionUser, roles: readonly UserRole[]): boolean {
  return roles.length === 0 || roles.includes(user.role) || (user.role === "support_admin" && roles.includes("support"));
}

/** Staff must have two-factor sign-in before anything but their own account pages. */
export function needsTwoFactor(user: SessionUser): boolean {
  return isStaffRole(user.role) && !user.totpEnabledAt;
}

/** Any signed-in user, for their own account pages (no two-factor requirement). */
export async function requireSignedInPage(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}

/** For pages and layouts: signed-out users go to /login, the wrong role gets the 403 page. */
export async function requirePageUser(...roles: UserRole[]): Promise<SessionUser> {
  const user = await requireSignedInPage();
  if (!allowed(user, roles)) forbidden();
  if (needsTwoFactor(user)) redirect(TWO_FACTOR_SETUP_PATH);
  return user;
}

/** For server actions and route handlers: throws AppError (401/403) instead of rendering. */
export async function requireActor(...roles: UserRole[]): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
  if (!allowed(user, roles)) throw new AppError("forbidden", "You do not have access to this.");
  if (needsTwoFactor(user)) throw new AppError("forbidden", "Set up two-factor sign-in first.");
  return user;
}

/** Any signed-in user acting on their own account (password, two-factor, mail settings). */
export async function requireSignedInActor(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthenticated", "Sign in to continue.");
  return user;
}

/**
 * One of a merchant's people. `edit` (the default, for anything that changes data) admits owners
 * and admins; `read` admits viewers too.
 */
export async function requireMerchantActor(access: "read" | "edit" = "edit"): Promise<MerchantActor> {
  const user = await requireActor(...merchantRoles);
  if (!user.merchantId || !user.merchantName) throw new AppError("forbidden", "Your account is not linked to a merchant.");
  if (access === "edit" && !canEditMerchant(user.role)) throw new AppError("forbidden", "Your role can only view this merchant's data.");
  return user as MerchantActor;
}

export async function requireSupportActor(): Promise<SupportActor> {
  return (await requireActor(...staffRoles)) as SupportActor;
}

export async function requireSupportAdminActor(): Promise<SupportActor> {
  return (await requireActor("support_admin")) as SupportActor;
}

export async function requireMerchantPage(): Promise<MerchantActor> {
  const user = await requirePageUser(...merchantRoles);
  if (!user.merchantId) forbidden();
  return user as MerchantActor;
}

/**
 * The merchant whose data a user may touch: a merchant's people only their own; support any
 * merchant they name. Every tenant-scoped query takes its result.
 */
export function merchantScopeFor(user: SessionUser, requestedMerchantId?: string): string {
  if (isMerchantRole(user.role)) {
    if (!user.merchantId) throw new AppError("forbidden", "Your account is not linked to a merchant.");
    if (requestedMerchantId && requestedMerchantId !== user.merchantId) throw new AppError("not_found", "Not found.");
    return user.merchantId;
  }
  if (!requestedMerchantId) throw new AppError("bad_request", "Name the merchant.");
  return requestedMerchantId;
}
