import { qualificationSchema } from "@/lib/qualification/schema";

export type AuditDetail = { param_name: string; reject_reason: string };

/** Field paths (as on the wire) that break the project's schema, empty when valid. */
export function validateApplication(plain: Record<string, unknown>): string[] {
  const parsed = qualificationSchema.safeParse(plain);
  if (parsed.success) return [];
  return [...new Set(parsed.error.issues.map((issue) => issue.path.join(".") || "(body)"))];
}

// Words in the short name that steer the sandbox's review, so that a demo shows every outcome.
const REJECT_MARKER = /驳回|reject/i;
const FREEZE_MARKER = /冻结|freeze/i;
const CANCEL_MARKER = /作废|cancel/i;
const UNKNOWN_MARKER = /未知状态|unknown state/i;
/** Hand-offs (transfer, signing) wait for the support dev control instead of passing on their own. */
const MANUAL_MARKER = /手动|manual/i;

/** The documented states in the order an application walks them; the rest are where it ends. */
export type SandboxState = "CHECKING" | "ACCOUNT_NEED_VERIFY" | "AUDITING" | "REJECTED" | "NEED_SIGN" | "FINISH" | "FROZEN" | "CANCELED" | "UNDOCUMENTED_STATE";

export const stateDesc: Record<SandboxState, string> = {
  CHECKING: "资料校验中",
  ACCOUNT_NEED_VERIFY: "待账户验证",
  AUDITING: "审核中",
  REJECTED: "已驳回",
  NEED_SIGN: "待签约",
  FINISH: "完成",
  FROZEN: "已冻结",
  CANCELED: "已作废",
  UNDOCUMENTED_STATE: "未知状态",
};

/** The state after `state`, or null when it is final. */
export function nextState(state: string, merchantShortname: string): SandboxState | null {
  switch (state) {
    case "CHECKING":
      return UNKNOWN_MARKER.test(merchantShortname) ? "UNDOCUMENTED_STATE" : "ACCOUNT_NEED_VERIFY";
    case "UNDOCUMENTED_STATE":
      return null;
    case "ACCOUNT_NEED_VERIFY":
      return "AUDITING";
    case "AUDITING":
      if (REJECT_MARKER.test(merchantShortname)) return "REJECTED";
      if (FREEZE_MARKER.test(merchantShortname)) return "FROZEN";
      if (CANCEL_MARKER.test(merchantShortname)) return "CANCELED";
      return "NEED_SIGN";
    case "NEED_SIGN":
      return "FINISH";
    default:
      return null;
  }
}

/** Whether the sandbox waits for the dev control before leaving this state. */
export function waitsForPerson(state: string, merchantShortname: string): boolean {
  return (state === "ACCOUNT_NEED_VERIFY" || state === "NEED_SIGN") && MANUAL_MARKER.test(merchantShortname);
}

/** The rejection reasons, on WeChat's parameter names (one dotted path, one bare leaf name). */
export function rejectionDetail(): AuditDetail[] {
  return [
    { param_name: "merchant_shortname", reject_reason: "商户简称需与实际售卖商品一致，请修改后重新提交。" },
    { param_name: "account_info.account_name", reject_reason: "开户名称需与营业执照上的主体名称一致。" },
    { param_name: "id_card_number", reject_reason: "身份证号码与证件照片不一致。" },
  ];
}

/** Kept for callers that only want the final outcome of a short name. */
export function reviewOutcome(merchantShortname: string): { status: "finished" } | { status: "rejected"; auditDetail: AuditDetail[] } {
  return REJECT_MARKER.test(merchantShortname) ? { status: "rejected", auditDetail: rejectionDetail() } : { status: "finished" };
}
