import { useTranslations } from "next-intl";
import type { HTMLAttributes } from "react";
import type { ApplicationStatus, PaymentStatus, WithdrawalStatus } from "@/db/schema";
import { Badge, type BadgeTone } from "./badge";

const applicationTones: Record<ApplicationStatus, BadgeTone> = {
  draft: "neutral",
  pending_review: "waiting",
  changes_requested: "attention",
  approved: "progress",
  submitting: "progress",
  submitted: "progress",
  checking: "progress",
  auditing: "progress",
  // Hand-offs: someone at the merchant has to act.
  account_verification: "attention",
  to_be_signed: "attention",
  legal_validation: "attention",
  finished: "success",
  rejected: "danger",
  frozen: "danger",
  canceled: "neutral",
};

const paymentTones: Record<PaymentStatus, BadgeTone> = { PENDING: "waiting", SUCCEEDED: "success", CANCELLED: "neutral" };

const withdrawalTones: Record<WithdrawalStatus, BadgeTone> = {
  submitting: "progress",
  // The merchant has to scan WeChat's QR code and confirm.
  awaiting_scan: "attention",
  scan_refused: "neutral",
  scan_expired: "neutral",
  created: "waiting",
  succeeded: "success",
  failed: "danger",
  closed: "neutral",
  returned: "attention",
};

/** An application's status in the reader's language; `data-status` carries the code for tests and styles. */
export function ApplicationStatusBadge({ status }: { status: ApplicationStatus }) {
  const t = useTranslations("review.status");
  return <Badge tone={applicationTones[status]} data-status={status}>{t(status)}</Badge>;
}

export function PaymentStatusBadge({ status, ...props }: { status: PaymentStatus } & HTMLAttributes<HTMLSpanElement>) {
  const t = useTranslations("payments.status");
  return <Badge tone={paymentTones[status]} data-status={status} {...props}>{t(status)}</Badge>;
}

export function WithdrawalStatusBadge({ status }: { status: WithdrawalStatus }) {
  const t = useTranslations("funds.withdrawalStatus");
  return <Badge tone={withdrawalTones[status]} data-status={status}>{t(status)}</Badge>;
}
