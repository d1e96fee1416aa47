import type { Locale } from "./config";
import enCommon from "@/messages/en/common.json";
import zhCommon from "@/messages/zh-CN/common.json";
import enMedia from "@/messages/en/media.json";
import zhMedia from "@/messages/zh-CN/media.json";
import enValidation from "@/messages/en/validation.json";
import zhValidation from "@/messages/zh-CN/validation.json";
import enWechat from "@/messages/en/wechat.json";
import zhWechat from "@/messages/zh-CN/wechat.json";
import enWizard from "@/messages/en/wizard.json";
import zhWizard from "@/messages/zh-CN/wizard.json";

// One JSON file per namespace and language; a namespace is added here for both languages at once.
export const messagesByLocale = {
  "zh-CN": {
    common: zhCommon,
    media: zhMedia,
    validation: zhValidation,
    wechat: zhWechat,
    wizard: zhWizard,
  },
  en: {
    common: enCommon,
    media: enMedia,
    validation: enValidation,
    wechat: enWechat,
    wizard: enWizard,
  },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof messagesByLocale)["zh-CN"];
