import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { applicationStatus, paymentStatus, settlementChangeStatus, userRole, withdrawalStatus } from "@/db/schema";
import { auditActions } from "@/lib/audit/write-audit";
import { locales } from "@/lib/i18n/config";
import { messagesByLocale } from "@/lib/i18n/messages";
import { BANK_ACCOUNT_TYPES, BIZ_TYPE, CONTACT_TYPES, ID_DOC_TYPES, ORGANIZATION_TYPES } from "@/lib/qualification/constants";
import { fieldLabelFor, valueLabelFor } from "@/lib/i18n/field-labels";

const translators = locales.map((locale) => [locale, createTranslator({ locale, messages: messagesByLocale[locale] })] as const);

/** Every code a page shows and the message key that names it in words. */
const codeLabels: [string, readonly (string | number)[], (code: string) => string][] = [
  ["audit actions", auditActions, (a) => `audit.actions.${a}`],
  ["application statuses (support)", applicationStatus.enumValues, (s) => `review.status.${s}`],
  ["application statuses (merchant)", applicationStatus.enumValues, (s) => `wizard.status.names.${s}`],
  ["payment statuses", paymentStatus.enumValues, (s) => `payments.status.${s}`],
  ["withdrawal statuses", withdrawalStatus.enumValues, (s) => `funds.withdrawalStatus.${s}`],
  ["settlement change statuses", settlementChangeStatus.enumValues, (s) => `funds.settlement.status.${s}`],
  ["roles", userRole.enumValues, (r) => `common.roles.${r}`],
  ["subject types", ORGANIZATION_TYPES, (o) => `wizard.orgTypes.${o}.name`],
  ["ID document types", ID_DOC_TYPES, (d) => `wizard.idDocTypes.${d}`],
  ["contact types", CONTACT_TYPES, (c) => `wizard.contactTypes.${c}`],
  ["bank account types", BANK_ACCOUNT_TYPES, (b) => `wizard.accountTypes.${b}`],
  ["service type (biz_type)", [BIZ_TYPE], (b) => `wizard.bizTypes.${b}`],
];

describe("every code shown on a page has words in both languages", () => {
  for (const [name, codes, key] of codeLabels) {
    it(name, () => {
      for (const [locale, t] of translators) {
        for (const code of codes) expect(t.has(key(String(code)) as never), `${locale}: ${key(String(code))}`).toBe(true);
      }
    });
  }

  it("biz_type has a field label", () => {
    for (const [, t] of translators) expect(fieldLabelFor(t, "biz_type")).not.toBe("biz_type");
  });
});

describe("values on the review page read as words", () => {
  const en = translators.find(([l]) => l === "en")![1];
  const zh = translators.find(([l]) => l === "zh-CN")![1];

  it("a bank city code reads as its province and city", () => {
    expect(valueLabelFor(zh, "account_info.bank_address_code", "440300")).toBe("广东省 深圳市");
    expect(valueLabelFor(en, "account_info.bank_address_code", "110000")).toBe("北京市");
  });

  it("长期 reads in the reader's language, alone or in a [begin, end] pair", () => {
    expect(valueLabelFor(en, "id_card_info.id_card_valid_time", "长期")).toBe("Long-term");
    expect(valueLabelFor(en, "business_license_info.business_time", "2014-01-01, 长期")).toBe("2014-01-01, Long-term");
    expect(valueLabelFor(zh, "business_license_info.business_time", "2014-01-01, 长期")).toBe("2014-01-01, 长期");
  });

  it("biz_type 1 reads as words", () => {
    expect(valueLabelFor(en, "biz_type", "1")).toMatch(/Standard/);
  });

  it("no English message carries 长期", () => {
    const texts = JSON.stringify(messagesByLocale.en);
    expect(texts).not.toContain("长期");
  });
});
