import type { Locale } from "./config";
import enCommon from "@/messages/en/common.json";
import enFunds from "@/messages/en/funds.json";
import enPayments from "@/messages/en/payments.json";
import enValidation from "@/messages/en/validation.json";
import zhCommon from "@/messages/zh-CN/common.json";
import zhFunds from "@/messages/zh-CN/funds.json";
import zhPayments from "@/messages/zh-CN/payments.json";
import zhValidation from "@/messages/zh-CN/validation.json";

// One JSON file per namespace and language; a namespace is added here for both languages at once.
export const messagesByLocale = {
  "zh-CN": { common: zhCommon, validation: zhValidation, payments: zhPayments, funds: zhFunds },
  en: { common: enCommon, validation: enValidation, payments: enPayments, funds: enFunds },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof messagesByLocale)["zh-CN"];
