import type { UserRole } from "@/db/schema";

export type NavItem = { href: string; labelKey: "onboarding" | "payments" | "withdrawals" | "settings" | "team" | "review" | "merchants" | "staff" | "audit" | "system" | "reconciliation" | "account" };

type LabelKey = NavItem["labelKey"];
// A merchant page lives at /<label>; a support page at /support/<label>; the account page is everyone's.
const accountPage: NavItem = { href: "/account", labelKey: "account" };
const merchantNav: NavItem[] = [...(["onboarding", "payments", "withdrawals", "settings", "team"] as const).map((key) => ({ href: `/${key}`, labelKey: key })), accountPage];
const supportNav = (keys: LabelKey[]): NavItem[] => [...keys.map((key) => ({ href: `/support/${key}`, labelKey: key })), accountPage];

/** The navigation each role sees; pages check the role again on the server. */
export const navigationByRole: Record<UserRole, NavItem[]> = {
  owner: merchantNav,
  admin: merchantNav,
  viewer: merchantNav,
  support: supportNav(["review", "merchants", "reconciliation", "audit", "system"]),
  support_admin: supportNav(["review", "merchants", "reconciliation", "audit", "system", "staff"]),
};

export function homePathFor(role: UserRole): string {
  return navigationByRole[role][0]!.href;
}
