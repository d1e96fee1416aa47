import { beforeEach, describe, expect, it } from "vitest";
import { WeChatClient } from "@/lib/wechat/client";
import { clearBankListCache, lookupBankByNumber, searchBranches } from "@/lib/wechat/bank-lookup";
import { bankByNumber, cities, provinces, subBranches } from "@/lib/wechat/sandbox/banks";

// The documented example answers, copied from WeChat's pages:
// https://developers.weixin.qq.com/doc/store/shop/API/funds/bank/getbankbynum.html
const getbankbynumExample = { data: [{ bank_code: "1000009549", bank_id: 1026, bank_name: "中国银行", need_branch: false, account_bank: "中国银行" }], total_count: 1, errmsg: "ok", errcode: 0 };
// https://developers.weixin.qq.com/doc/store/API/funds/bank/getprovince.html
const getprovinceExample = { data: [{ province_code: 1, province_name: "北京市" }, { province_code: 2, province_name: "上海市" }, { province_code: 12, province_name: "浙江省" }], total_count: 3, errmsg: "ok", errcode: 0 };
// https://developers.weixin.qq.com/doc/store/shop/API/funds/bank/getcity.html
const getcityExample = { data: [{ bank_address_code: "110000", city_code: 10, city_name: "北京市" }], total_count: 1, errmsg: "ok", errcode: 0 };
// https://developers.weixin.qq.com/doc/store/API/funds/bank/getsubbranch.html
const getsubbranchExample = { data: [{ branch_id: 323331000001, branch_name: "浙江网商银行股份有限公司" }], total_count: 1, count: 1, account_bank_code: 1099, bank_alias: "浙江网商银行", bank_alias_code: "1000009501", account_bank: "其他银行", errmsg: "ok", errcode: 0 };
const noData = { errcode: 9710001, errmsg: "暂无数据" };

type Sent = { path: string; body: Record<string, unknown> };

function clientAnswering(answers: Record<string, unknown>, sent: Sent[] = []) {
  const fetchStub: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    if (url.pathname.endsWith("/cgi-bin/stable_token")) return Response.json({ access_token: "token-1", expires_in: 7200 });
    expect(url.searchParams.get("access_token")).toBe("token-1");
    const path = url.pathname.replace(/^.*(\/shop\/funds\/\w+)$/, "$1");
    sent.push({ path, body: JSON.parse(String(init?.body ?? "{}")) as Record<string, unknown> });
    return Response.json(answers[path] ?? noData);
  };
  return new WeChatClient({ baseUrl: "https://api.weixin.qq.com", appid: "wx0000000000000001", secret: "s", timeoutMs: 1000, retries: 0, fetch: fetchStub });
}

describe("bank look-ups against WeChat's documented example answers", () => {
  beforeEach(() => clearBankListCache());

  it("reads getbankbynum's example and sends only account_number", async () => {
    const sent: Sent[] = [];
    const banks = await lookupBankByNumber(clientAnswering({ "/shop/funds/getbankbynum": getbankbynumExample }, sent), "6216610200016587010");
    expect(banks).toEqual(getbankbynumExample.data);
    expect(sent).toEqual([{ path: "/shop/funds/getbankbynum", body: { account_number: "6216610200016587010" } }]);
  });

  it("answers an empty list for 暂无数据 (9710001), not an error", async () => {
    await expect(lookupBankByNumber(clientAnswering({}), "1234567890123")).resolves.toEqual([]);
  });

  it("finds WeChat's city_code through getprovince/getcity by bank_address_code, then reads getsubbranch's example", async () => {
    const sent: Sent[] = [];
    const client = clientAnswering({ "/shop/funds/getprovince": getprovinceExample, "/shop/funds/getcity": getcityExample, "/shop/funds/getsubbranch": getsubbranchExample }, sent);
    const branches = await searchBranches(client, { bank_code: "1000009501", bank_address_code: "110000" });
    expect(branches).toEqual([{ bank_branch_id: "323331000001", branch_name: "浙江网商银行股份有限公司" }]);
    expect(sent.map((s) => s.path)).toEqual(["/shop/funds/getprovince", "/shop/funds/getcity", "/shop/funds/getsubbranch"]);
    expect(sent[0]!.body).toEqual({});
    expect(sent[1]!.body).toEqual({ province_code: 1 });
    expect(sent[2]!.body).toEqual({ bank_code: "1000009501", city_code: 10, offset: 0, limit: 100 });
    // The lists are cached: a second search asks only for the branches.
    await searchBranches(client, { bank_code: "1000009501", bank_address_code: "110000" });
    expect(sent.map((s) => s.path).slice(3)).toEqual(["/shop/funds/getsubbranch"]);
  });

  it("turns a WeChat refusal into a message for the merchant, never a bare failure", async () => {
    const client = clientAnswering({ "/shop/funds/getbankbynum": { errcode: 48001, errmsg: "api unauthorized" } });
    await expect(lookupBankByNumber(client, "6216610200016587010")).rejects.toMatchObject({ code: "upstream_failed", fields: { lookup: "wechat.errors.not_authorized" } });
  });
});

describe("the sandbox answers the bank look-ups in the documented shapes", () => {
  const keys = (value: unknown) => Object.keys(value as object).sort();

  it("answers getbankbynum like the example, and 9710001 for an unknown card", () => {
    const answer = bankByNumber({ account_number: "6216610200016587010" });
    expect(answer).toEqual(getbankbynumExample);
    expect(bankByNumber({ account_number: "1111111111111" })).toEqual(noData);
  });

  it("answers getprovince, getcity and getsubbranch with the documented keys, the examples' values among them", () => {
    const province = provinces() as typeof getprovinceExample;
    expect(keys(province)).toEqual(keys(getprovinceExample));
    expect(province.data).toContainEqual(getprovinceExample.data[0]);
    expect(cities({ province_code: 1 })).toEqual(getcityExample);
    const branches = subBranches({ bank_code: "1000009501", city_code: 571, offset: 0, limit: 1 });
    expect(keys(branches)).toEqual(keys(getsubbranchExample));
    expect({ ...branches, total_count: 1 }).toEqual(getsubbranchExample);
    expect(subBranches({ bank_code: "1000009501", city_code: 10 })).toEqual(noData);
  });
});
