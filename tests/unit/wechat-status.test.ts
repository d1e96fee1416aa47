import { describe, expect, it } from "vitest";
import { parseApplicationStatus, wechatStateByApplymentState } from "@/lib/wechat/application-status";
import { fieldPathOfParam } from "@/lib/wechat/field-paths";
import { documentedAnswer } from "@/lib/wechat/sandbox/handler";

/*
 * Contract: the answers as WeChat documents them.
 * The request echo and wrapper of https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/ministore/minishopopencomponent2/API/wxpay/get.html
 * (its sample echoes the request as `wxpay_req`), the status fields of
 * https://developer.work.weixin.qq.com/document/path/98974 and the NEED_SIGN example of
 * https://pay.weixin.qq.com/docs/partner/apis/ecommerce-merchant-application/applyment/get-state-by-out-request-no.html
 */
const documentedRequestEcho = {
  business_license_info: { business_license_copy: "jZe4zIHlHd4W-2hdRc9YJHOWaXLu", business_license_number: "83274MA5CN4WK0D", legal_person: "于先生", merchant_name: "魅力广州" },
  merchant_shortname: "魅力广州",
  need_account_info: false,
  organization_type: "2",
  out_request_no: "wx50808a0fa3b8abca",
};
const needSign = {
  applyment_id: 2000002314049057,
  applyment_state: "NEED_SIGN",
  applyment_state_desc: "待签约",
  audit_detail: [],
  out_request_no: "1898a52772af696b520a7fe4ae49b91d",
  sign_state: "UNSIGNED",
  sign_url: "https://pay.weixin.qq.com/public/apply4ec_sign/s?applymentId=2000002314049057&sign=415c592eba9872d43be9cad7f64107f0",
  sub_mchid: "1629932860",
};
const accountNeedVerify = {
  applyment_state: "ACCOUNT_NEED_VERIFY",
  applyment_state_desc: "待账户验证",
  account_validation: {
    account_name: "深圳市示例科技有限公司",
    account_no: "****3445",
    pay_amount: 12,
    destination_account_number: "7222000000001234",
    destination_account_name: "财付通支付科技有限公司",
    destination_account_bank: "招商银行深圳分行大冲支行",
    city: "深圳",
    remark: "WX123456",
    deadline: "2026-12-12 08:00:00",
  },
  legal_validation_url: "https://pay.weixin.qq.com/public/legal?x=1",
};

describe("the /shop/wxpay/get answer", () => {
  it.each(["pay", "wxpay"])("reads the status inside %s_resp beside the request echo", (spelling) => {
    const status = parseApplicationStatus({ errcode: 0, errmsg: "ok", [`${spelling}_req`]: documentedRequestEcho, [`${spelling}_resp`]: needSign });
    expect(status).toMatchObject({ state: "to_be_signed", applyment_state: "NEED_SIGN", sign_url: needSign.sign_url, sub_mchid: "1629932860", sign_state: "UNSIGNED" });
  });

  it("maps every documented applyment_state onto the lifecycle", () => {
    const expected = { CHECKING: "checking", ACCOUNT_NEED_VERIFY: "account_verification", AUDITING: "auditing", REJECTED: "rejected", NEED_SIGN: "to_be_signed", FINISH: "finished", FROZEN: "frozen", CANCELED: "canceled" };
    expect(wechatStateByApplymentState).toEqual(expected);
    for (const [applyment_state, state] of Object.entries(expected)) {
      for (const wrapper of ["pay_resp", "wxpay_resp"]) {
        expect(parseApplicationStatus({ errcode: 0, [wrapper]: { applyment_state, applyment_state_desc: "x" } }).state, `${wrapper} ${applyment_state}`).toBe(state);
      }
    }
  });

  it("gives the transfer details for account verification, and legal validation when only the scan is asked", () => {
    const transfer = parseApplicationStatus({ errcode: 0, pay_resp: accountNeedVerify });
    expect(transfer).toMatchObject({ state: "account_verification", account_validation: { pay_amount: 12, destination_account_number: "7222000000001234", remark: "WX123456", deadline: "2026-12-12 08:00:00" } });
    const legal = parseApplicationStatus({ errcode: 0, wxpay_resp: { applyment_state: "ACCOUNT_NEED_VERIFY", legal_validation_url: "https://pay.weixin.qq.com/l" } });
    expect(legal).toMatchObject({ state: "legal_validation", legal_validation_url: "https://pay.weixin.qq.com/l" });
    expect(legal.account_validation).toBeUndefined();
  });

  it("keeps an undocumented state raw, and tolerates odd field types", () => {
    const status = parseApplicationStatus({ errcode: 0, pay_resp: { applyment_state: "APPLYMENT_STATE_SOMETHING_NEW", sub_mchid: 1629932860, audit_detail: "oops" } });
    expect(status).toMatchObject({ state: "unknown", applyment_state: "APPLYMENT_STATE_SOMETHING_NEW", sub_mchid: "1629932860", audit_detail: [] });
  });

  it("reads rejection reasons by param_name", () => {
    const status = parseApplicationStatus({
      errcode: 0,
      wxpay_resp: { applyment_state: "REJECTED", audit_detail: [{ param_name: "id_card_number", reject_reason: "身份证号码有误" }, { param_name: "all", reject_reason: "请补充经营场景" }] },
    });
    expect(status.state).toBe("rejected");
    expect(status.audit_detail.map((d) => [d.param_name, fieldPathOfParam(d.param_name)])).toEqual([
      ["id_card_number", "id_card_info.id_card_number"],
      ["all", null],
    ]);
  });

  it("refuses an answer without applyment_state as transient", () => {
    expect(() => parseApplicationStatus({ errcode: 0, pay_resp: {} })).toThrowError(/applyment_state/);
  });

  it("the sandbox answers in the documented shape, wrapper per answer", () => {
    const row = { appid: "wx1", applymentId: "2000002000000001", merchantShortname: "店", organizationType: "2", record: { merchant_shortname: "店" }, state: "NEED_SIGN", applyCount: 1, receivedAt: new Date(), nextStepAt: null, auditDetail: null, accountValidation: null, subMchid: "1600000001" };
    for (const spelling of ["pay", "wxpay"] as const) {
      const answer = documentedAnswer(row, spelling);
      expect(Object.keys(answer).sort()).toEqual([`${spelling}_req`, `${spelling}_resp`]);
      expect(parseApplicationStatus(answer)).toMatchObject({ state: "to_be_signed", sub_mchid: "1600000001", sign_url: expect.stringContaining("applymentId=2000002000000001") });
    }
  });
});

describe("WeChat parameter names onto form fields", () => {
  it("accepts dotted paths, bare leaf names and photo names without wxa_", () => {
    expect(fieldPathOfParam("account_info.account_name")).toBe("account_info.account_name");
    expect(fieldPathOfParam("merchant_shortname")).toBe("merchant_shortname");
    expect(fieldPathOfParam("account_number")).toBe("account_info.account_number");
    expect(fieldPathOfParam("id_card_copy")).toBe("id_card_info.wxa_id_card_copy");
    expect(fieldPathOfParam("business_license_info.business_license_copy")).toBe("business_license_info.wxa_business_license_copy");
    expect(fieldPathOfParam("nothing_like_it")).toBeNull();
  });
});
