import { AppError } from "@/lib/errors";
import type { WeChatFor } from "@/lib/wechat/client";
import { WeChatError } from "@/lib/wechat/errors";

/** The merchant's Mini Program, whose credentials turn a shopper's wx.login code into an openid. */
export type MiniProgram = { merchantId: string; appid: string };

/** `wx.login` code → openid with jscode2session, using the merchant's own Mini Program credentials. */
export type OpenidResolver = (miniProgram: MiniProgram, jsCode: string) => Promise<string>;

/**
 * jscode2session through the merchant's WeChat client (its appid and sealed AppSecret), with
 * WeChat's documented errcodes turned into errors the API caller can act on
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html).
 * The session_key is read and dropped: the console never needs it.
 */
export function wechatOpenidResolver(clientFor: WeChatFor): OpenidResolver {
  return async (miniProgram, jsCode) => {
    try {
      return (await (await clientFor(miniProgram.merchantId)).jscode2session(jsCode)).openid;
    } catch (error) {
      if (!(error instanceof WeChatError)) throw error;
      // code2Session's documented errcodes: 40029 invalid code (also a used or expired one), 40226 high-risk user blocked, 45011 frequency limit.
      if (error.errcode === 40029) {
        throw new AppError("validation_failed", "The shopper's login code is invalid, expired or already used: call wx.login again.", { "payer.js_code": "invalid_code" });
      }
      if (error.errcode === 40226) throw new AppError("validation_failed", "WeChat blocked this shopper's login as high risk.", { "payer.js_code": "code_blocked" });
      if (error.errcode === 45011) throw new AppError("rate_limited", "WeChat limits login code checks for this Mini Program. Try again in a minute.");
      if (error.errcode === "unconfigured") {
        throw new AppError("conflict", "This merchant's Mini Program AppSecret is not on record yet, so login codes cannot be read. Ask support to set it.");
      }
      if (error.errcode === -1 || error.errcode === "network" || error.transient) {
        throw new AppError("unavailable", "WeChat could not read the shopper's login code just now. Try again.");
      }
      throw new AppError("upstream_failed", `WeChat refused the login code check (errcode ${error.errcode}).`);
    }
  };
}
