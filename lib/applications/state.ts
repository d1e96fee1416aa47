import type { ApplicationStatus } from "@/db/schema";

/** Who may move an application from which state to which (DESIGN.md "Application states"). */
export const transitions = {
  submit: { from: ["draft", "changes_requested", "rejected"], to: "pending_review", by: "merchant_admin" },
  request_changes: { from: ["pending_review"], to: "changes_requested", by: "support" },
  approve: { from: ["pending_review"], to: "approved", by: "support" },
  start_sending: { from: ["approved"], to: "submitting", by: "system" },
  wechat_accepted: { from: ["submitting"], to: "submitted", by: "system" },
  wechat_refused: { from: ["submitting"], to: "rejected", by: "system" },
  wechat_retry: { from: ["submitting"], to: "approved", by: "system" },
  wechat_finished: { from: ["submitted"], to: "finished", by: "system" },
  wechat_rejected: { from: ["submitted"], to: "rejected", by: "system" },
} as const satisfies Record<string, { from: readonly ApplicationStatus[]; to: ApplicationStatus; by: "merchant_admin" | "support" | "system" }>;

export type Transition = keyof typeof transitions;

export function canTransition(transition: Transition, from: ApplicationStatus): boolean {
  return (transitions[transition].from as readonly ApplicationStatus[]).includes(from);
}

/** States in which the merchant may edit the working copy. */
export const editableStatuses: readonly ApplicationStatus[] = ["draft", "changes_requested", "rejected"];
