import type { Locale } from "./config";
import enAudit from "@/messages/en/audit.json";
import zhAudit from "@/messages/zh-CN/audit.json";
import enCommon from "@/messages/en/common.json";
import zhCommon from "@/messages/zh-CN/common.json";
import enFunds from "@/messages/en/funds.json";
import zhFunds from "@/messages/zh-CN/funds.json";
import enMedia from "@/messages/en/media.json";
import zhMedia from "@/messages/zh-CN/media.json";
import enPayments from "@/messages/en/payments.json";
import zhPayments from "@/messages/zh-CN/payments.json";
import enReview from "@/messages/en/review.json";
import zhReview from "@/messages/zh-CN/review.json";
import enValidation from "@/messages/en/validation.json";
import zhValidation from "@/messages/zh-CN/validation.json";
import enWechat from "@/messages/en/wechat.json";
import zhWechat from "@/messages/zh-CN/wechat.json";
import enWizard from "@/messages/en/wizard.json";
import zhWizard from "@/messages/zh-CN/wizard.json";

// One JSON file per namespace and language; a namespace is added here for both languages at once.
export const messagesByLocale = {
  "zh-CN": {
    audit: zhAudit,
    common: zhCommon,
    funds: zhFunds,
    media: zhMedia,
    payments: zhPayments,
    review: zhReview,
    validation: zhValidation,
    wechat: zhWechat,
    wizard: zhWizard,
  },
  en: {
    audit: enAudit,
    common: enCommon,
    funds: enFunds,
    media: enMedia,
    payments: enPayments,
    review: enReview,
    validation: enValidation,
    wechat: enWechat,
    wizard: enWizard,
  },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof messagesByLocale)["zh-CN"];
