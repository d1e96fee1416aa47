import type { UserRole } from "@/db/schema";

export const staffRoles = ["support", "support_admin"] as const satisfies readonly UserRole[];
export const merchantRoles = ["owner", "admin", "viewer"] as const satisfies readonly UserRole[];
export type StaffRole = (typeof staffRoles)[number];
export type MerchantRole = (typeof merchantRoles)[number];

export function isStaffRole(role: UserRole): role is StaffRole {
  return (staffRoles as readonly UserRole[]).includes(role);
}

export function isMerchantRole(role: UserRole): role is MerchantRole {
  return (merchantRoles as readonly UserRole[]).includes(role);
}

/** Owners and admins run the application, withdrawals and settings; viewers only read. */
export function canEditMerchant(role: UserRole): boolean {
  return role === "owner" || role === "admin";
}

/** Only owners invite, change roles and remove people of their merchant. */
export function canManageTeam(role: UserRole): boolean {
  return role === "owner";
}
