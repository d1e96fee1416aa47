import { createHash } from "node:crypto";

/**
 * The sandbox's Mini Programs: every well-formed appid exists, and its AppSecret is derived from
 * the appid (32 hex characters, like WeChat's), so that any number of sandbox instances agree and
 * demo merchants can be given theirs at seed time. Not a secret: the sandbox is refused in production
 * unless ALLOW_SANDBOX=true.
 */
export function sandboxAppSecret(appid: string): string {
  return createHash("sha256").update(`wechat-sandbox-appsecret:${appid}`).digest("hex").slice(0, 32);
}

export const APPID_PATTERN = /^wx[0-9a-zA-Z]{8,30}$/;
