import { describe, expect, it } from "vitest";
import { createFundsGateway, FundsApiError, yuanToFen } from "@/lib/funds/gateway";
import { documented } from "../fixtures/wechat-funds";

/** A transport answering one documented example, recording what was sent. */
function answering(answer: unknown) {
  const sent: { path: string; body: Record<string, unknown> }[] = [];
  const gateway = createFundsGateway(async (path, body) => {
    sent.push({ path, body });
    return answer;
  });
  return { gateway, sent };
}

describe("the funds gateway reads WeChat's documented example answers", () => {
  it("getbalance", async () => {
    const { gateway, sent } = answering(documented.getbalance.answer);
    expect(await gateway.getBalance()).toEqual({ available: 45331, pending: 7549 });
    expect(sent).toEqual([{ path: "/shop/funds/getbalance", body: documented.getbalance.request }]);
  });

  it("submitwithdraw, and its errcode 9700101", async () => {
    const { gateway, sent } = answering(documented.submitwithdraw.answer);
    expect(await gateway.submitWithdraw(documented.submitwithdraw.request)).toEqual({ out_request_no: "xxxxx", qrcode_ticket: "xxxxx" });
    expect(sent[0]).toEqual({ path: "/shop/funds/submitwithdraw", body: documented.submitwithdraw.request });
    const refused = await answering(documented.submitwithdraw.dailyLimit).gateway.submitWithdraw({ amount: 1, remark: "", bank_memo: "" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FundsApiError);
    expect(refused).toMatchObject({ errcode: 9700101, transient: false });
  });

  it("qrcode/get and qrcode/check, and an expired ticket", async () => {
    const get = answering(documented.qrcodeGet.answer);
    expect(await get.gateway.getQrcode("05ba627d5b73b6f3ef0dcfc7")).toBe("xxxxx");
    expect(get.sent[0]).toEqual({ path: "/shop/funds/qrcode/get", body: documented.qrcodeGet.request });
    await expect(answering(documented.qrcodeGet.expired).gateway.getQrcode("x")).rejects.toMatchObject({ errcode: 60220 });
    const check = answering(documented.qrcodeCheck.answer);
    expect(await check.gateway.checkQrcode("05ba627d5b73b6f3ef0dcfc7")).toMatchObject({ status: 0, scan_user_type: 1 });
    expect(check.sent[0]).toEqual({ path: "/shop/funds/qrcode/check", body: documented.qrcodeCheck.request });
  });

  it("getwithdrawdetail, nested as the page's example and flat as the older page's", async () => {
    for (const answer of [documented.getwithdrawdetail.answer, documented.getwithdrawdetail.flatAnswer]) {
      const { gateway, sent } = answering(answer);
      expect(await gateway.getWithdrawDetail("wd13675014323600561372")).toMatchObject({ amount: 7, status: "SUCCESS", remark: "0529日14点31分提现", create_time: 1590733930 });
      expect(sent[0]).toEqual({ path: "/shop/funds/getwithdrawdetail", body: documented.getwithdrawdetail.request });
    }
  });

  it("scanwithdraw, and 9710001 as an empty page", async () => {
    const { gateway, sent } = answering(documented.scanwithdraw.answer);
    expect(await gateway.listWithdrawals(1, 2)).toEqual({ out_request_nos: ["3163339305837870", "180687538055"], total_num: 103 });
    expect(sent[0]).toEqual({ path: "/shop/funds/scanwithdraw", body: documented.scanwithdraw.request });
    expect(await answering(documented.scanwithdraw.empty).gateway.listWithdrawals(1, 2)).toEqual({ out_request_nos: [], total_num: 0 });
  });

  it("getbankaccount and setbankaccount", async () => {
    const get = answering(documented.getbankaccount.answer);
    expect(await get.gateway.getBankAccount()).toEqual({ account: documented.getbankaccount.answer.account_info, verifyFailReason: "" });
    const set = answering(documented.setbankaccount.answer);
    await set.gateway.setBankAccount(documented.setbankaccount.request.account_info);
    expect(set.sent[0]).toEqual({ path: "/shop/funds/setbankaccount", body: documented.setbankaccount.request });
  });

  it("scanorderflow and getorderflow (yuan strings into signed fen; both documented id spellings sent)", async () => {
    const list = answering(documented.scanorderflow.answer);
    expect(await list.gateway.listFundsFlows("20211120", 1, 100)).toEqual({ funds_flow_ids: ["123456789123", "12345678229"], total_num: 2 });
    expect(list.sent[0]).toEqual({ path: "/shop/funds/scanorderflow", body: documented.scanorderflow.request });
    const detail = answering(documented.getorderflow.answer);
    expect(await detail.gateway.getFundsFlow("1651031426690650")).toMatchObject({ funds_flow_id: "4200000586202008206907203418", amountMinor: 10, busi_type: "订单", request_no: "1768262391135651" });
    expect(detail.sent[0]!.body).toEqual({ funds_flow_id: "1651031426690650", funds_flow_no: "1651031426690650" });
  });

  it("refuses answers outside the documented shapes instead of guessing", async () => {
    await expect(answering({ balance_info: { available_amount: "lots" } }).gateway.getBalance()).rejects.toBeInstanceOf(FundsApiError);
    await expect(answering({ errcode: 0 }).gateway.submitWithdraw({ amount: 1, remark: "", bank_memo: "" })).rejects.toBeInstanceOf(FundsApiError);
    expect(yuanToFen("115.12")).toBe(11512);
    expect(yuanToFen("0.1")).toBe(10);
    expect(() => yuanToFen("1,000")).toThrow();
  });
});

