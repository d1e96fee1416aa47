import type { Locale } from "./config";
import enCommon from "@/messages/en/common.json";
import enValidation from "@/messages/en/validation.json";
import enWizard from "@/messages/en/wizard.json";
import zhCommon from "@/messages/zh-CN/common.json";
import zhValidation from "@/messages/zh-CN/validation.json";
import zhWizard from "@/messages/zh-CN/wizard.json";

// One JSON file per namespace and language; a namespace is added here for both languages at once.
export const messagesByLocale = {
  "zh-CN": { common: zhCommon, validation: zhValidation, wizard: zhWizard },
  en: { common: enCommon, validation: enValidation, wizard: enWizard },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof messagesByLocale)["zh-CN"];
