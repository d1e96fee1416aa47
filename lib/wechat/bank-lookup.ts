import { z } from "zod";
import { AppError } from "@/lib/errors";
import { regionName } from "@/lib/qualification/regions";
import type { BankOfCard, WeChatClient } from "./client";
import { WeChatError } from "./errors";

/** POST /api/banks/lookup: the card number typed so far (digits only, as WeChat takes it). */
export const bankLookupRequestSchema = z.object({ account_number: z.string().trim().regex(/^\d{10,30}$/, { error: "validation.accountNumber" }) });
/** POST /api/banks/branches: the bank (getbankbynum's bank_code) and the account's city (bank_address_code). */
export const branchSearchRequestSchema = z.object({
  bank_code: z.string().trim().regex(/^\d{1,20}$/, { error: "validation.invalid" }),
  bank_address_code: z.string().trim().regex(/^\d{6}$/, { error: "validation.bankAddressCode" }),
});

export type BankMatch = BankOfCard;
export type Branch = { bank_branch_id: string; branch_name: string };

// WeChat's province and city lists change rarely: kept a day per process, one entry per list.
const LIST_TTL_MS = 24 * 60 * 60 * 1000;
const cache = (globalThis as unknown as { __wechatBankLists?: Map<string, { at: number; value: Promise<unknown> }> }).__wechatBankLists ??= new Map();

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < LIST_TTL_MS) return hit.value as Promise<T>;
  const value = load();
  cache.set(key, { at: Date.now(), value });
  // A failed load is forgotten so the next look-up asks again.
  value.catch(() => cache.delete(key));
  return value;
}

/** Test hook: forget every cached list. */
export function clearBankListCache(): void {
  cache.clear();
}

/** The banks a card number belongs to, as WeChat names them (account_bank is what the application sends). */
export async function lookupBankByNumber(client: WeChatClient, accountNumber: string): Promise<BankMatch[]> {
  return client.bankByNumber(accountNumber).catch((error: unknown) => Promise.reject(lookupError(error)));
}

/**
 * A bank's branches in the account's city. WeChat numbers cities its own way (city_code), so the
 * city is found through getprovince/getcity by the bank_address_code each city carries.
 */
export async function searchBranches(client: WeChatClient, { bank_code, bank_address_code }: z.infer<typeof branchSearchRequestSchema>): Promise<Branch[]> {
  try {
    const cityCode = await wechatCityCode(client, bank_address_code);
    if (cityCode === null) return [];
    const branches = await client.subBranches({ bank_code, city_code: cityCode, offset: 0, limit: 100 });
    return branches.map((b) => ({ bank_branch_id: String(b.branch_id), branch_name: b.branch_name }));
  } catch (error) {
    throw lookupError(error);
  }
}

async function wechatCityCode(client: WeChatClient, bankAddressCode: string): Promise<number | null> {
  const provinces = await cached(`provinces`, () => client.bankProvinces());
  // GB/T 2260: the first two digits are the province.
  const provinceName = regionName(`${bankAddressCode.slice(0, 2)}0000`) ?? "";
  // WeChat shortens some names ("内蒙古"): the first two characters name a province unambiguously.
  const elsewhere = (p: { province_name: string }) => Number(!provinceName.startsWith(p.province_name.slice(0, 2)));
  const ordered = [...provinces].sort((a, b) => elsewhere(a) - elsewhere(b));
  for (const province of ordered) {
    const cities = await cached(`cities:${province.province_code}`, () => client.bankCities(province.province_code));
    const city = cities.find((c) => c.bank_address_code === bankAddressCode);
    if (city) return city.city_code;
  }
  return null;
}

/** WeChat busy or down: 503 "try again"; WeChat refusing: 502 with its message key for the merchant. */
function lookupError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (!(error instanceof WeChatError) || error.transient) return new AppError("unavailable", "WeChat is not answering right now. Try again in a minute.", { lookup: error instanceof WeChatError ? error.merchantMessage : "wechat.errors.unreachable" });
  return new AppError("upstream_failed", "WeChat could not look this up. Choose the bank yourself.", { lookup: error.merchantMessage });
}
