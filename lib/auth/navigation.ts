import type { UserRole } from "@/db/schema";

export type NavItem = { href: string; labelKey: "onboarding" | "payments" | "withdrawals" | "settings" | "review" | "merchants" | "audit" };

/** The navigation each role sees; pages check the role again on the server. */
export const navigationByRole: Record<UserRole, NavItem[]> = {
  merchant_admin: [
    { href: "/onboarding", labelKey: "onboarding" },
    { href: "/payments", labelKey: "payments" },
    { href: "/withdrawals", labelKey: "withdrawals" },
    { href: "/settings", labelKey: "settings" },
  ],
  support: [
    { href: "/support/review", labelKey: "review" },
    { href: "/support/merchants", labelKey: "merchants" },
    { href: "/support/audit", labelKey: "audit" },
  ],
};

export function homePathFor(role: UserRole): string {
  return navigationByRole[role][0]!.href;
}
