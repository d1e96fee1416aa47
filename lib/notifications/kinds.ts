import type { ApplicationStatus, UserRole, WithdrawalStatus } from "@/db/schema";
import type { MailKind } from "@/lib/mail/templates";

export type NoticeKind = Exclude<MailKind, "setPassword" | "passwordReset" | "invitation">;

/**
 * Essential notices ask someone to act: they go to those who can (owners and admins) whatever their
 * mail setting. The others only inform: viewers get them too, and anyone may turn them off.
 */
export const essentialNotices: ReadonlySet<NoticeKind> = new Set<NoticeKind>([
  "changesRequested",
  "accountVerification",
  "toBeSigned",
  "legalValidation",
  "rejected",
  "withdrawalReturned",
]);

export function isEssential(kind: NoticeKind): boolean {
  return essentialNotices.has(kind);
}

/** Who of a merchant's people a notice goes to. */
export function recipientRoles(kind: NoticeKind): readonly UserRole[] {
  return isEssential(kind) ? ["owner", "admin"] : ["owner", "admin", "viewer"];
}

/** The application states its people are told about, and with which mail. */
export const applicationNotices: Partial<Record<ApplicationStatus, NoticeKind>> = {
  changes_requested: "changesRequested",
  submitted: "sentToWechat",
  account_verification: "accountVerification",
  to_be_signed: "toBeSigned",
  legal_validation: "legalValidation",
  rejected: "rejected",
  finished: "accountOpen",
};

/** Withdrawal endings the merchant did not cause themselves (a refused or expired scan is their own act). */
export const withdrawalNotices: Partial<Record<WithdrawalStatus, NoticeKind>> = {
  failed: "withdrawalFailed",
  closed: "withdrawalFailed",
  returned: "withdrawalReturned",
};
