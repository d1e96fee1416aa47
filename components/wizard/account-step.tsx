"use client";

import { useTranslations } from "next-intl";
import { useFormContext, useWatch } from "react-hook-form";
import { BankLookup, ChoiceField, PhotoInput, PhotoListInput, RegionPicker, Section, SelectField, TextField, useFieldError, useFieldLabel } from "@/components/form";
import {
  ACCOUNT_BANKS,
  ACCOUNT_CERT_ORGANIZATION_TYPES,
  ACCOUNT_TYPES_BY_ORGANIZATION,
  MAINLAND_ID_CARD,
  MAX_OTHER_CERT_PICS,
  OTHER_BANK,
  PERSONAL_ACCOUNT,
  organizationTypeOf,
  type OrganizationType,
} from "@/lib/qualification/constants";

export function AccountStep({ merchantName }: { merchantName: string }) {
  const t = useTranslations("wizard");
  const { getValues } = useFormContext();
  const labelOf = useFieldLabel();
  const addressError = useFieldError("account_info.bank_address_code");
  const [bank, accountType] = useWatch({ name: ["account_info.account_bank", "account_info.bank_account_type"] }) as [string | undefined, string | undefined];
  const org = organizationTypeOf(getValues("organization_type"));
  const allowed = org ? ACCOUNT_TYPES_BY_ORGANIZATION[org] : undefined;
  const idName = (getValues("id_doc_type") === MAINLAND_ID_CARD ? getValues("id_card_info.id_card_name") : getValues("id_doc_info.id_doc_name")) as string | undefined;
  const nameHint = accountType === PERSONAL_ACCOUNT ? (idName ? t("account.nameHintPersonal", { name: idName }) : undefined) : accountType ? t("account.nameHintCorporate", { name: merchantName }) : undefined;
  return (
    <div className="flex flex-col gap-6">
      <Section description={allowed ? t(`account.rule.${org!}`) : t("account.chooseType")}>
        <ChoiceField name="account_info.bank_account_type" options={(["74", "75"] as const).map((v) => ({ value: v, label: t(`accountTypes.${v}`), disabled: allowed ? !allowed.includes(v) : false }))} />
        <SelectField name="account_info.account_bank" options={ACCOUNT_BANKS.map((b) => ({ value: b.account_bank, label: b.need_bank_branch ? `${b.account_bank}（${t("account.needsBranch")}）` : b.account_bank }))} />
        <RegionPicker name="account_info.bank_address_code" legend={labelOf("account_info.bank_address_code")} error={addressError} />
        {bank === OTHER_BANK ? (
          <div className="flex flex-col gap-4 rounded-md bg-slate-50 p-3">
            <p className="text-sm text-slate-700">{t("account.branchHint")}</p>
            <TextField name="account_info.bank_branch_id" inputMode="numeric" />
            <TextField name="account_info.bank_name" />
          </div>
        ) : null}
        <TextField name="account_info.account_name" hint={nameHint} />
        <TextField name="account_info.account_number" inputMode="numeric" />
        <BankLookup prefix="account_info." />
      </Section>
      {ACCOUNT_CERT_ORGANIZATION_TYPES.includes(org as OrganizationType) ? (
        <Section title={t("account.certTitle")} description={t("account.certHint")}>
          <PhotoInput name="account_info.account_cert_info.wxa_settlement_cert_pic" />
          <PhotoInput name="account_info.account_cert_info.wxa_relation_cert_pic" />
          <PhotoListInput name="account_info.account_cert_info.wxa_other_cert_pics" max={MAX_OTHER_CERT_PICS} />
        </Section>
      ) : null}
    </div>
  );
}
