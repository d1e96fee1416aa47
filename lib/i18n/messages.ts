import type { Locale } from "./config";
import enCommon from "@/messages/en/common.json";
import enMedia from "@/messages/en/media.json";
import enValidation from "@/messages/en/validation.json";
import enWechat from "@/messages/en/wechat.json";
import zhCommon from "@/messages/zh-CN/common.json";
import zhMedia from "@/messages/zh-CN/media.json";
import zhValidation from "@/messages/zh-CN/validation.json";
import zhWechat from "@/messages/zh-CN/wechat.json";

// One JSON file per namespace and language; a namespace is added here for both languages at once.
export const messagesByLocale = {
  "zh-CN": { common: zhCommon, validation: zhValidation, media: zhMedia, wechat: zhWechat },
  en: { common: enCommon, validation: enValidation, media: enMedia, wechat: enWechat },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof messagesByLocale)["zh-CN"];
