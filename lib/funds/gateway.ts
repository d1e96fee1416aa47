import { z } from "zod";

/**
 * A failed funds call: WeChat's errcode and errmsg (for support), whether trying later may help,
 * and the message key a merchant reads. ("network"/"http": WeChat did not answer in the documented shape.)
 */
export class FundsApiError extends Error {
  override name = "FundsApiError";
  constructor(
    readonly errcode: number | "network" | "http",
    readonly errmsg: string,
    readonly transient: boolean,
  ) {
    super(`WeChat funds ${errcode}: ${errmsg}`);
  }

  get messageKey(): string {
    const key = typeof this.errcode === "number" ? fundsErrcodeKeys.get(this.errcode) : undefined;
    return `funds.wechat.${key ?? (this.transient ? "unavailable" : "refused")}`;
  }
}

/**
 * One call of WeChat's funds API for Mini Program shops under the merchant's access_token:
 * `POST https://api.weixin.qq.com<path>?access_token=…` with a JSON body, answering the documented
 * JSON as WeChat sent it (errcode included); it throws only when WeChat did not answer. The live
 * transport is the merchant's WeChat client; the sandbox transport answers the same paths from the
 * database (lib/funds/sandbox.ts).
 */
export type FundsTransport = (path: string, body: Record<string, unknown>) => Promise<unknown>;

/** errcodes of the funds pages that a merchant can act on, each with its message key (`funds.wechat.<key>`). */
export const fundsErrcodeKeys = new Map<number, string>([
  [9700101, "dailyLimit"], // submitwithdraw: 超出每日只能提现一次的限制
  [9710001, "noData"], // getwithdrawdetail, scanwithdraw, scanorderflow, getorderflow: 暂无数据
  [60220, "qrcodeExpired"], // qrcode/get: ticket已失效
  [60208, "qrcodeInvalid"], // qrcode/get: 错误的ticket
  [400, "invalidAccount"], // setbankaccount: 参数错误,请查看错误信息
  [48001, "notAuthorized"], // api unauthorized: the funds API is not open for this Mini Program
]);

const num = z.coerce.number();
const str = z.string().catch("");

const balanceAnswer = z.object({ balance_info: z.object({ available_amount: num, pending_amount: num }) });
const submitAnswer = z.object({ out_request_no: z.string().min(1), qrcode_ticket: z.string().min(1) });
const qrcodeGetAnswer = z.object({ qrcode_buf: z.string().min(1) });
const qrcodeCheckAnswer = z.object({ status: num, self_check_err_code: num.optional(), self_check_err_msg: str.optional(), scan_user_type: num.optional() });
const withdrawInfo = z.object({
  amount: num,
  create_time: num.optional(),
  update_time: num.optional(),
  reason: str,
  remark: str,
  bank_memo: str,
  bank_name: str,
  bank_num: str,
  status: z.string().min(1),
});
const scanWithdrawAnswer = z.object({ out_request_nos: z.array(z.string()).catch([]), total_num: num.catch(0) });
export const bankAccountInfo = z.object({
  bank_account_type: z.string(),
  account_bank: z.string(),
  bank_address_code: z.string(),
  bank_branch_id: z.string().optional(),
  bank_name: z.string().optional(),
  account_number: z.string(),
  account_name: z.string().optional(),
});
export type BankAccountInfo = z.infer<typeof bankAccountInfo>;
const bankAccountAnswer = z.object({ account_info: bankAccountInfo.nullish(), verify_fail_reason: z.string().optional() });
const scanOrderFlowAnswer = z.object({ funds_flow_ids: z.array(z.string()).catch([]), total_num: num.catch(0) });
const fundsFlow = z.object({
  bookkeeping_time: str,
  funds_flow_id: z.string().min(1),
  type: str,
  flow_type: str,
  amount: z.union([z.string(), z.number()]),
  balance: z.union([z.string(), z.number()]).optional(),
  busi_type: str,
  request_no: str,
});

/** getwithdrawdetail's WithDrawStatus, every documented value. */
export const wechatWithdrawStatuses = ["INIT", "BEFORE_SCAN_QRCODE", "AFTER_SCAN_QRCODE", "CREATE_SUCCESS", "SUCCESS", "FAIL", "REFUND", "CLOSE"] as const;
export type WeChatWithdrawStatus = (typeof wechatWithdrawStatuses)[number];
export type WithdrawInfo = Omit<z.infer<typeof withdrawInfo>, "status"> & { status: string };
export type FundsFlow = z.infer<typeof fundsFlow> & { amountMinor: number };

/**
 * The funds API of WeChat Mini Program shops (自定义交易组件), parsed into what the console needs.
 * Answers are checked against the documented shapes; anything else is a FundsApiError, never a guess.
 */
export function createFundsGateway(transport: FundsTransport) {
  async function post<T>(path: string, body: Record<string, unknown>, schema: z.ZodType<T>): Promise<T> {
    const answer = (await transport(path, body)) as { errcode?: number; errmsg?: string } | null;
    const errcode = typeof answer?.errcode === "number" ? answer.errcode : 0;
    if (errcode !== 0) throw new FundsApiError(errcode, answer?.errmsg ?? "", errcode === -1);
    // Some documented examples wrap the answer in `data`; accept both spellings.
    const payload = answer && typeof answer === "object" && "data" in answer && typeof (answer as { data: unknown }).data === "object" ? (answer as { data: unknown }).data : answer;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw new FundsApiError("http", `${path}: answer not in the documented shape`, true);
    return parsed.data;
  }

  return {
    /** 查询商户余额: available (可提现) and pending (待结算) in fen. */
    // https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/funds/getbalance.html
    async getBalance() {
      const answer = await post("/shop/funds/getbalance", {}, balanceAnswer);
      return { available: answer.balance_info.available_amount, pending: answer.balance_info.pending_amount };
    },

    /** 发起提现: amount in fen; answers WeChat's withdrawal number and the QR ticket to scan (9700101: one a day). */
    // https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/funds/submitwithdraw.html
    async submitWithdraw(request: { amount: number; remark: string; bank_memo: string }) {
      return post("/shop/funds/submitwithdraw", request, submitAnswer);
    },

    /** 获取二维码: the QR image (base64 of its bytes) for a ticket; 60220 expired, 60208 wrong ticket. */
    // https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/funds/qrcode/get.html
    async getQrcode(qrcode_ticket: string) {
      return (await post("/shop/funds/qrcode/get", { qrcode_ticket }, qrcodeGetAnswer)).qrcode_buf;
    },

    /** 查询扫码状态: 0 not scanned, 1 confirmed, 2 cancelled, 3 expired, 4 scanned. */
    // https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/funds/qrcode/check.html
    async checkQrcode(qrcode_ticket: string) {
      return post("/shop/funds/qrcode/check", { qrcode_ticket }, qrcodeCheckAnswer);
    },

    /** 获取提现记录详情 (the example nests it in `withdraw_info`; the older page answers it flat: both accepted). */
    // https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/funds/getwithdrawdetail.html
    async getWithdrawDetail(out_request_no: string): Promise<WithdrawInfo> {
      const answer = await post("/shop/funds/getwithdrawdetail", { out_request_no }, z.union([z.object({ withdraw_info: withdrawInfo }), withdrawInfo]));
      return "withdraw_info" in answer ? answer.withdraw_info : answer;
    },

    /** 获取提现记录列表: one page of WeChat's withdrawal numbers (page_num from 1); 9710001 is an empty page. */
    // https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/funds/scanwithdraw.html
    async listWithdrawals(page_num: number, page_size: number) {
      try {
        return await post("/shop/funds/scanwithdraw", { page_num, page_size }, scanWithdrawAnswer);
      } catch (error) {
        if (error instanceof FundsApiError && error.errcode === 9710001) return { out_request_nos: [], total_num: 0 };
        throw error;
      }
    },

    /** 查询结算账户: the account in force, and why the last change failed (绑卡失败的原因) if it did. */
    // https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/funds/getbankaccount.html
    async getBankAccount() {
      const answer = await post("/shop/funds/getbankaccount", {}, bankAccountAnswer);
      return { account: answer.account_info ?? null, verifyFailReason: answer.verify_fail_reason ?? "" };
    },

    /** 修改结算账户: five a day; the account must belong to the shop's subject. */
    // https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/funds/setbankaccount.html
    async setBankAccount(account_info: BankAccountInfo) {
      await post("/shop/funds/setbankaccount", { account_info }, z.unknown());
    },

    /** 获取资金流水列表 of one booking day (`date` as 20210101); 9710001 is an empty day. */
    // https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/funds/scanorderflow.html
    async listFundsFlows(date: string, page_num: number, page_size: number) {
      try {
        return await post("/shop/funds/scanorderflow", { page_num, page_size, date }, scanOrderFlowAnswer);
      } catch (error) {
        if (error instanceof FundsApiError && error.errcode === 9710001) return { funds_flow_ids: [], total_num: 0 };
        throw error;
      }
    },

    /**
     * 获取资金流水详情. The page's table names the field `funds_flow_no`, its example sends
     * `funds_flow_id`: both documented spellings are sent. Amounts are yuan strings ("0.10").
     */
    // https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/funds/getorderflow.html
    async getFundsFlow(id: string): Promise<FundsFlow> {
      const { funds_flow } = await post("/shop/funds/getorderflow", { funds_flow_id: id, funds_flow_no: id }, z.object({ funds_flow: fundsFlow }));
      const magnitude = Math.abs(yuanToFen(funds_flow.amount));
      const expense = funds_flow.flow_type === "支出" || funds_flow.flow_type === "2";
      return { ...funds_flow, amountMinor: expense ? -magnitude : magnitude };
    },
  };
}

export type FundsGateway = ReturnType<typeof createFundsGateway>;

/** "0.10" → 10; a number is taken as yuan too (the page types `amount` as a yuan string). */
export function yuanToFen(value: string | number): number {
  const text = typeof value === "number" ? value.toFixed(2) : value.trim();
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new FundsApiError("http", `amount ${JSON.stringify(value)} is not a yuan amount`, false);
  const fen = Number(match[2]) * 100 + Number((match[3] ?? "").padEnd(2, "0"));
  return match[1] ? -fen : fen;
}

/** Whether an error is WeChat refusing (an errcode) rather than WeChat not answering. */
export function isDefiniteRefusal(error: unknown): error is FundsApiError {
  return error instanceof FundsApiError && typeof error.errcode === "number" && !error.transient;
}
