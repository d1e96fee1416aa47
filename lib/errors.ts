/** Error codes the console answers with; one place maps them to HTTP statuses. */
export const errorStatus = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  internal: 500,
  upstream_failed: 502,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/**
 * What went wrong, in words a client maps to a sentence: the key under `errors` in messages/.
 * A domain reason names the rule (`withdrawal.no_account`); without one an error's code decides.
 */
export const reasons = [
  "unauthenticated",
  "forbidden",
  "not_found",
  "invalid",
  "conflict",
  "rate_limited",
  "upstream_failed",
  "failed",
  "sandbox_only",
  // A status move its lifecycle's table refuses (the entity moved on meanwhile).
  "application.illegal_move",
  // A reviewer lost a race: the sentence names the status the application is in now.
  "application.moved",
  "withdrawal.illegal_move",
  "payment.illegal_move",
  "withdrawal.no_account",
  "withdrawal.key_reused",
  "withdrawal.over_balance",
  "webhook.too_many",
  // A link from an email that no longer works (used, expired, revoked).
  "password_link.invalid",
  "invitation.invalid",
  "settlement.daily_limit",
  "settlement.pending_exists",
  // WeChat's answers to the funds API (lib/funds/gateway.ts), one per message a merchant can act on.
  "wechat_funds.dailyLimit",
  "wechat_funds.noData",
  "wechat_funds.qrcodeExpired",
  "wechat_funds.qrcodeInvalid",
  "wechat_funds.invalidAccount",
  "wechat_funds.notAuthorized",
  "wechat_funds.refused",
  "wechat_funds.notReceived",
  "wechat_funds.unavailable",
  "wechat_funds.liveUnavailable",
] as const;
export type Reason = (typeof reasons)[number];

const reasonOfCode: Record<ErrorCode, Reason> = {
  bad_request: "invalid",
  unauthenticated: "unauthenticated",
  forbidden: "forbidden",
  not_found: "not_found",
  conflict: "conflict",
  payload_too_large: "invalid",
  unsupported_media_type: "invalid",
  validation_failed: "invalid",
  rate_limited: "rate_limited",
  internal: "failed",
  upstream_failed: "upstream_failed",
  unavailable: "failed",
};

/** Values the reason's sentence names (`{max}`), never personal data. */
export type ReasonValues = Record<string, string | number>;

/**
 * An error meant for the user: a stable code, a message safe to show, and optional field messages.
 * Internal details (SQL, upstream bodies) never go in here.
 */
export class AppError extends Error {
  override name = "AppError";
  readonly reason: Reason;
  readonly values?: ReasonValues;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    detail: { reason?: Reason; values?: ReasonValues } = {},
  ) {
    super(message);
    this.reason = detail.reason ?? reasonOfCode[code];
    this.values = detail.values;
  }

  get status(): number {
    return errorStatus[this.code];
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** A zod error as one message per field path (`account_info.account_number`), the first issue winning. */
export function fieldErrors(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}
