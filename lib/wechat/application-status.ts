import { z } from "zod";
import { WeChatError } from "./errors";

/*
 * The answer of `POST /shop/wxpay/get`:
 * https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/wxpay/get.html
 * It mirrors WeChat Pay's e-commerce applyment state, whose fields and enum are documented at
 * https://pay.weixin.qq.com/docs/partner/apis/ecommerce-merchant-application/applyment/get-state-by-out-request-no.html
 * Documented samples and SDKs disagree on the wrapper's name (`pay_resp` / `wxpay_resp`, the request
 * echoed as `pay_req` / `wxpay_req`): every spelling is accepted, and unknown fields are ignored.
 */

/** WeChat's `applyment_state` values, in the console's words (the lifecycle states after `submitted`). */
export const wechatStateByApplymentState = {
  CHECKING: "checking",
  ACCOUNT_NEED_VERIFY: "account_verification",
  AUDITING: "auditing",
  REJECTED: "rejected",
  NEED_SIGN: "to_be_signed",
  FINISH: "finished",
  FROZEN: "frozen",
  CANCELED: "canceled",
} as const;

/** Whether WeChat's raw applyment_state is one the documents list. */
export function knownWeChatState(raw: string): boolean {
  return raw.trim().toUpperCase() in wechatStateByApplymentState;
}

export type WeChatApplymentState = keyof typeof wechatStateByApplymentState;
export type WeChatLifecycleState = (typeof wechatStateByApplymentState)[WeChatApplymentState] | "legal_validation";

const text = z.union([z.string(), z.number()]).transform(String);
const optionalText = text.optional().catch(undefined);

/** `account_validation`: the transfer that proves the settlement account (every field optional: shown as far as given). */
const accountValidationSchema = z
  .object({
    account_name: optionalText,
    account_no: optionalText,
    pay_amount: z.union([z.number(), z.string()]).optional().catch(undefined),
    destination_account_number: optionalText,
    destination_account_name: optionalText,
    destination_account_bank: optionalText,
    city: optionalText,
    remark: optionalText,
    deadline: optionalText,
  })
  .partial();

const auditDetailSchema = z.object({
  // WeChat's field name; older SDKs spell it `field` (accepted, never sent by us).
  param_name: optionalText,
  field: optionalText,
  reject_reason: text.catch(""),
});

const statusSchema = z.object({
  applyment_state: text,
  applyment_state_desc: optionalText,
  sign_state: optionalText,
  sign_url: optionalText,
  sub_mchid: optionalText,
  legal_validation_url: optionalText,
  account_validation: accountValidationSchema.optional().catch(undefined),
  audit_detail: z.array(auditDetailSchema).optional().catch([]),
});

export type AccountValidation = z.infer<typeof accountValidationSchema>;

export type ApplicationStatus = {
  /** The console's state, or `unknown` for an `applyment_state` the documents do not list. */
  state: WeChatLifecycleState | "unknown";
  /** WeChat's `applyment_state` as it came (kept raw for support and for unknown states). */
  applyment_state: string;
  applyment_state_desc?: string;
  sign_state?: string;
  sign_url?: string;
  sub_mchid?: string;
  legal_validation_url?: string;
  account_validation?: AccountValidation;
  audit_detail: { param_name: string; reject_reason: string }[];
};

/** The wrapped status object, whichever documented spelling holds it (or the top level). */
function unwrap(answer: Record<string, unknown>): unknown {
  for (const key of ["pay_resp", "wxpay_resp"]) {
    const value = answer[key];
    if (value && typeof value === "object" && !Array.isArray(value)) return value;
  }
  return answer;
}

/** Parses a `/shop/wxpay/get` answer (errcode 0 already checked); throws WeChatError when it holds no state. */
export function parseApplicationStatus(answer: Record<string, unknown>): ApplicationStatus {
  const parsed = statusSchema.safeParse(unwrap(answer));
  if (!parsed.success) throw new WeChatError("http", "status answer without applyment_state", { transient: true });
  const data = parsed.data;
  const raw = data.applyment_state.trim().toUpperCase();
  const known = (wechatStateByApplymentState as Record<string, WeChatLifecycleState>)[raw];
  let state: ApplicationStatus["state"] = known ?? "unknown";
  // Only the legal person's scan is asked for (no transfer): a hand-off of its own.
  if (state === "account_verification" && data.legal_validation_url && !hasTransfer(data.account_validation)) state = "legal_validation";
  return {
    state,
    applyment_state: data.applyment_state,
    ...(data.applyment_state_desc ? { applyment_state_desc: data.applyment_state_desc } : {}),
    ...(data.sign_state ? { sign_state: data.sign_state } : {}),
    ...(data.sign_url ? { sign_url: data.sign_url } : {}),
    ...(data.sub_mchid ? { sub_mchid: data.sub_mchid } : {}),
    ...(data.legal_validation_url ? { legal_validation_url: data.legal_validation_url } : {}),
    ...(hasTransfer(data.account_validation) ? { account_validation: data.account_validation } : {}),
    audit_detail: (data.audit_detail ?? [])
      .map((d) => ({ param_name: d.param_name ?? d.field ?? "", reject_reason: d.reject_reason }))
      .filter((d) => d.param_name !== "" || d.reject_reason !== ""),
  };
}

function hasTransfer(validation: AccountValidation | undefined): validation is AccountValidation {
  return Boolean(validation && (validation.pay_amount !== undefined || validation.destination_account_number));
}
