import { FundsApiError, type FundsTransport } from "@/lib/funds/gateway";
import type { WeChatClient } from "./client";
import { WeChatError } from "./errors";

const pages = "https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/funds";

/**
 * The funds pages of Mini Program shops (自定义交易组件) the console speaks, each `POST <path>?access_token=…`
 * with a JSON body; `once` marks the calls that move money or change the account, never repeated
 * once WeChat may have acted on them. Nothing outside this list is sent.
 */
export const fundsPaths: Record<string, { page: string; once: boolean }> = {
  // https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/funds/getbalance.html
  "/shop/funds/getbalance": { page: `${pages}/getbalance.html`, once: false },
  // https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/funds/submitwithdraw.html
  "/shop/funds/submitwithdraw": { page: `${pages}/submitwithdraw.html`, once: true },
  // https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/funds/qrcode/get.html
  "/shop/funds/qrcode/get": { page: `${pages}/qrcode/get.html`, once: false },
  // https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/funds/qrcode/check.html
  "/shop/funds/qrcode/check": { page: `${pages}/qrcode/check.html`, once: false },
  // https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/funds/getwithdrawdetail.html
  "/shop/funds/getwithdrawdetail": { page: `${pages}/getwithdrawdetail.html`, once: false },
  // https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/funds/scanwithdraw.html
  "/shop/funds/scanwithdraw": { page: `${pages}/scanwithdraw.html`, once: false },
  // https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/funds/getbankaccount.html
  "/shop/funds/getbankaccount": { page: `${pages}/getbankaccount.html`, once: false },
  // https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/funds/setbankaccount.html
  "/shop/funds/setbankaccount": { page: `${pages}/setbankaccount.html`, once: true },
  // https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/funds/scanorderflow.html
  "/shop/funds/scanorderflow": { page: `${pages}/scanorderflow.html`, once: false },
  // https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/funds/getorderflow.html
  "/shop/funds/getorderflow": { page: `${pages}/getorderflow.html`, once: false },
};

/**
 * The live funds transport of one Mini Program: its WeChat client (its own cached access_token,
 * refreshed on 40001/42001, its timeout and retries) carrying the body as JSON. WeChat's errcodes
 * come back as answered, for lib/funds to turn into messages; no answer becomes a FundsApiError.
 */
export function wechatFundsTransport(client: WeChatClient): FundsTransport {
  return async (path, body) => {
    const known = fundsPaths[path];
    if (!known) throw new FundsApiError("http", `${path} is not a documented funds call`, false);
    try {
      return await client.funds(path, body, { once: known.once });
    } catch (error) {
      if (!(error instanceof WeChatError)) throw error;
      throw new FundsApiError(error.errcode === "network" ? "network" : "http", error.errmsg, error.transient);
    }
  };
}
