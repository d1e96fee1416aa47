/** Keys of the `wechat` message namespace (`errors.<key>`) a merchant reads instead of an errcode. */
export type WeChatMessageKey =
  | "busy"
  | "unreachable"
  | "rate_limited"
  | "credentials"
  | "credentials_missing"
  | "not_authorized"
  | "image"
  | "invalid_application"
  | "duplicate"
  | "unknown";

/** errcodes worth trying again later: WeChat busy, quota and frequency limits. */
const transientErrcodes = new Set([-1, 45009, 45011, 45047]);
/** errcodes that mean the access_token is stale: refresh it and try once more. */
export const tokenErrcodes = new Set([40001, 40014, 41001, 42001]);

const keyByErrcode = new Map<number, WeChatMessageKey>([
  [-1, "busy"],
  [45009, "rate_limited"],
  [45011, "rate_limited"],
  [45047, "rate_limited"],
  [40001, "credentials"],
  [40013, "credentials"],
  [40125, "credentials"],
  [40164, "credentials"],
  [41002, "credentials"],
  [41004, "credentials"],
  [48001, "not_authorized"],
  [40004, "image"],
  [40005, "image"],
  [40006, "image"],
  [40007, "image"],
  [40009, "image"],
  [45001, "image"],
  [44002, "invalid_application"],
  [47001, "invalid_application"],
  [40097, "invalid_application"],
  [9401020, "duplicate"],
]);

/**
 * A failed WeChat call. `errcode`/`errmsg` are WeChat's raw answer (for the event log and
 * support); `messageKey` is what the merchant is shown; `transient` says whether to retry later.
 */
export class WeChatError extends Error {
  override name = "WeChatError";
  readonly transient: boolean;
  readonly messageKey: WeChatMessageKey;
  constructor(
    readonly errcode: number | "network" | "http" | "unconfigured",
    readonly errmsg: string,
    options: { transient?: boolean; httpStatus?: number } = {},
  ) {
    super(`WeChat ${errcode}: ${errmsg}`);
    this.transient = options.transient ?? (typeof errcode === "number" ? transientErrcodes.has(errcode) : true);
    this.messageKey =
      typeof errcode === "number"
        ? (keyByErrcode.get(errcode) ?? "unknown")
        : errcode === "network"
          ? "unreachable"
          : errcode === "unconfigured"
            ? "credentials_missing"
            : this.transient
              ? "busy"
              : "unknown";
  }

  /** The merchant has no AppSecret yet: nothing can be sent until support sets it (then it is retried). */
  static credentialsMissing(appid: string): WeChatError {
    return new WeChatError("unconfigured", `no AppSecret set for Mini Program ${appid}`, { transient: true });
  }

  /** The stored, translatable form of the merchant's message (see `wechatMessageKey`). */
  get merchantMessage(): string {
    return `wechat.errors.${this.messageKey}`;
  }

  get details(): Record<string, unknown> {
    return { errcode: this.errcode, errmsg: this.errmsg, transient: this.transient };
  }
}

export function isTransientErrcode(errcode: number): boolean {
  return transientErrcodes.has(errcode);
}

/**
 * `applications.wechat_message` holds either a message key (`wechat.errors.<key>`, from a failed
 * call) or WeChat's own reason text (a rejection). Returns the key without its namespace, or null
 * when the value is WeChat's text to show as it is.
 */
export function wechatMessageKey(stored: string): string | null {
  return stored.startsWith("wechat.errors.") ? stored.slice("wechat.".length) : null;
}
