import { qualificationSchema } from "@/lib/qualification/schema";

export type AuditDetail = { field: string; field_name: string; reject_reason: string };

/** Field paths (as on the wire) that break the project's schema, empty when valid. */
export function validateApplication(plain: Record<string, unknown>): string[] {
  const parsed = qualificationSchema.safeParse(plain);
  if (parsed.success) return [];
  return [...new Set(parsed.error.issues.map((issue) => issue.path.join(".") || "(body)"))];
}

// A short name asking for it (驳回, "reject") is rejected, so a demo shows both outcomes.
const REJECT_MARKER = /驳回|reject/i;

/** The sandbox's review decision: approved unless the short name asks for a rejection. */
export function reviewOutcome(merchantShortname: string): { status: "finished" } | { status: "rejected"; auditDetail: AuditDetail[] } {
  if (!REJECT_MARKER.test(merchantShortname)) return { status: "finished" };
  return {
    status: "rejected",
    auditDetail: [
      { field: "merchant_shortname", field_name: "商户简称", reject_reason: "商户简称需与实际售卖商品一致，请修改后重新提交。" },
      { field: "account_info.account_name", field_name: "开户名称", reject_reason: "开户名称需与营业执照上的主体名称一致。" },
    ],
  };
}
