import { ACCOUNT_BANKS, OTHER_BANK } from "@/lib/qualification/constants";

/**
 * The sandbox's bank look-ups, answered in the documented shapes from the shipped bank list (the
 * 17 directly connected banks) and a small sample of card prefixes, provinces, cities and branches.
 * Shapes: https://developers.weixin.qq.com/doc/store/shop/API/funds/bank/getbankbynum.html and the
 * getprovince / getcity / getsubbranch pages beside it.
 */

type SampleBank = { prefix: string; bank_code: string; bank_id: number; bank_name: string; account_bank: string };

const direct = (name: string) => {
  if (!ACCOUNT_BANKS.some((b) => b.account_bank === name && !b.need_bank_branch)) throw new Error(`${name} is not a directly connected bank`);
  return name;
};

// Card prefixes of the demo; the first answer is the documented example (中国银行, 1000009549, 1026).
const SAMPLE_CARDS: SampleBank[] = [
  { prefix: "621661", bank_code: "1000009549", bank_id: 1026, bank_name: "中国银行", account_bank: direct("中国银行") },
  { prefix: "622202", bank_code: "1000009502", bank_id: 1002, bank_name: "工商银行", account_bank: direct("工商银行") },
  { prefix: "622848", bank_code: "1000009503", bank_id: 1005, bank_name: "农业银行", account_bank: direct("农业银行") },
  { prefix: "621700", bank_code: "1000009504", bank_id: 1003, bank_name: "建设银行", account_bank: direct("建设银行") },
  { prefix: "622588", bank_code: "1000009505", bank_id: 1001, bank_name: "招商银行", account_bank: direct("招商银行") },
  // Not directly connected: sent as 其他银行 with a branch (the getsubbranch example's bank).
  { prefix: "623229", bank_code: "1000009501", bank_id: 1099, bank_name: "浙江网商银行", account_bank: OTHER_BANK },
];

// WeChat's province numbers (getprovince example order) and telephone-code city numbers (getcity example: 北京市 10, 110000).
const PROVINCES = [
  { province_code: 1, province_name: "北京市" },
  { province_code: 2, province_name: "上海市" },
  { province_code: 12, province_name: "浙江省" },
  { province_code: 19, province_name: "广东省" },
];
const CITIES: Record<number, { bank_address_code: string; city_code: number; city_name: string }[]> = {
  1: [{ bank_address_code: "110000", city_code: 10, city_name: "北京市" }],
  2: [{ bank_address_code: "310000", city_code: 21, city_name: "上海市" }],
  12: [
    { bank_address_code: "330100", city_code: 571, city_name: "杭州市" },
    { bank_address_code: "330200", city_code: 574, city_name: "宁波市" },
  ],
  19: [
    { bank_address_code: "440100", city_code: 20, city_name: "广州市" },
    { bank_address_code: "440300", city_code: 755, city_name: "深圳市" },
  ],
};
// Branches per bank_code and city_code; the first is the getsubbranch example.
const BRANCHES: Record<string, { branch_id: number; branch_name: string }[]> = {
  "1000009501:571": [
    { branch_id: 323331000001, branch_name: "浙江网商银行股份有限公司" },
    { branch_id: 323331000002, branch_name: "浙江网商银行股份有限公司杭州西湖支行" },
  ],
  "1000009501:755": [{ branch_id: 323584000001, branch_name: "浙江网商银行股份有限公司深圳分行" }],
};

const NO_DATA = { errcode: 9710001, errmsg: "暂无数据" };

export function bankByNumber(body: Record<string, unknown>): Record<string, unknown> {
  const number = typeof body.account_number === "string" ? body.account_number : "";
  const bank = SAMPLE_CARDS.find((b) => number.startsWith(b.prefix));
  if (!bank) return NO_DATA;
  const { prefix: _prefix, ...data } = bank;
  return { data: [{ ...data, need_branch: data.account_bank === OTHER_BANK }], total_count: 1, errmsg: "ok", errcode: 0 };
}

export function provinces(): Record<string, unknown> {
  return { data: PROVINCES, total_count: PROVINCES.length, errmsg: "ok", errcode: 0 };
}

export function cities(body: Record<string, unknown>): Record<string, unknown> {
  const data = CITIES[Number(body.province_code)];
  return data ? { data, total_count: data.length, errmsg: "ok", errcode: 0 } : NO_DATA;
}

export function subBranches(body: Record<string, unknown>): Record<string, unknown> {
  const bankCode = String(body.bank_code ?? "");
  const all = BRANCHES[`${bankCode}:${Number(body.city_code)}`];
  if (!all) return NO_DATA;
  const offset = Math.max(0, Number(body.offset ?? 0) || 0);
  const limit = Math.max(1, Number(body.limit ?? all.length) || all.length);
  const page = all.slice(offset, offset + limit);
  const bank = SAMPLE_CARDS.find((b) => b.bank_code === bankCode)!;
  return { data: page, total_count: all.length, count: page.length, account_bank_code: bank.bank_id, bank_alias: bank.bank_name, bank_alias_code: bank.bank_code, account_bank: bank.account_bank, errmsg: "ok", errcode: 0 };
}
