import type { Locale } from "./config";
import enAccounts from "@/messages/en/accounts.json";
import zhAccounts from "@/messages/zh-CN/accounts.json";
import enAudit from "@/messages/en/audit.json";
import zhAudit from "@/messages/zh-CN/audit.json";
import enCommon from "@/messages/en/common.json";
import zhCommon from "@/messages/zh-CN/common.json";
import enDevelopers from "@/messages/en/developers.json";
import zhDevelopers from "@/messages/zh-CN/developers.json";
import enErrors from "@/messages/en/errors.json";
import zhErrors from "@/messages/zh-CN/errors.json";
import enFunds from "@/messages/en/funds.json";
import zhFunds from "@/messages/zh-CN/funds.json";
import enMedia from "@/messages/en/media.json";
import zhMedia from "@/messages/zh-CN/media.json";
import enPayments from "@/messages/en/payments.json";
import zhPayments from "@/messages/zh-CN/payments.json";
import enReview from "@/messages/en/review.json";
import zhReview from "@/messages/zh-CN/review.json";
import enSystem from "@/messages/en/system.json";
import zhSystem from "@/messages/zh-CN/system.json";
import enValidation from "@/messages/en/validation.json";
import zhValidation from "@/messages/zh-CN/validation.json";
import enWechat from "@/messages/en/wechat.json";
import zhWechat from "@/messages/zh-CN/wechat.json";
import enWizard from "@/messages/en/wizard.json";
import zhWizard from "@/messages/zh-CN/wizard.json";

// One JSON file per namespace and language; a namespace is added here for both languages at once.
export const messagesByLocale = {
  "zh-CN": {
    accounts: zhAccounts,
    audit: zhAudit,
    common: zhCommon,
    developers: zhDevelopers,
    errors: zhErrors,
    funds: zhFunds,
    media: zhMedia,
    payments: zhPayments,
    review: zhReview,
    system: zhSystem,
    validation: zhValidation,
    wechat: zhWechat,
    wizard: zhWizard,
  },
  en: {
    accounts: enAccounts,
    audit: enAudit,
    common: enCommon,
    developers: enDevelopers,
    errors: enErrors,
    funds: enFunds,
    media: enMedia,
    payments: enPayments,
    review: enReview,
    system: enSystem,
    validation: enValidation,
    wechat: enWechat,
    wizard: enWizard,
  },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof messagesByLocale)["zh-CN"];

/** A namespace, or a part of one (`review.status`) when a page needs only that part. */
export type Namespace = keyof Messages | `${keyof Messages}.${string}`;

/** What every page's client components may need: the shell, failure sentences and field rules. */
export const baseNamespaces = ["common", "errors", "validation"] as const satisfies readonly Namespace[];

/** The part of a language's messages sent to the browser for a page: the base and `namespaces`. */
export function clientMessages(messages: Messages, namespaces: readonly Namespace[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  const names = [...new Set<string>([...baseNamespaces, ...namespaces])];
  // A part whose whole namespace is sent anyway is skipped.
  for (const name of names.filter((n) => !names.some((other) => n.startsWith(`${other}.`)))) {
    const keys = name.split(".");
    const last = keys.pop()!;
    let from: unknown = messages;
    let to = picked;
    for (const key of keys) {
      from = (from as Record<string, unknown> | undefined)?.[key];
      to = (to[key] ??= {}) as Record<string, unknown>;
    }
    const value = (from as Record<string, unknown> | undefined)?.[last];
    if (value !== undefined) to[last] = value;
  }
  return picked;
}
