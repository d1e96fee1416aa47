import type { Locale } from "./config";
import enAudit from "@/messages/en/audit.json";
import enCommon from "@/messages/en/common.json";
import enReview from "@/messages/en/review.json";
import zhAudit from "@/messages/zh-CN/audit.json";
import zhCommon from "@/messages/zh-CN/common.json";
import zhReview from "@/messages/zh-CN/review.json";
import enMedia from "@/messages/en/media.json";
import zhMedia from "@/messages/zh-CN/media.json";
import enValidation from "@/messages/en/validation.json";
import zhValidation from "@/messages/zh-CN/validation.json";
import enWechat from "@/messages/en/wechat.json";
import zhWechat from "@/messages/zh-CN/wechat.json";

// One JSON file per namespace and language; a namespace is added here for both languages at once.
export const messagesByLocale = {
  "zh-CN": {
    common: zhCommon,
    review: zhReview,
    audit: zhAudit,
    media: zhMedia,
    validation: zhValidation,
    wechat: zhWechat,
  },
  en: {
    common: enCommon,
    review: enReview,
    audit: enAudit,
    media: enMedia,
    validation: enValidation,
    wechat: enWechat,
  },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof messagesByLocale)["zh-CN"];
