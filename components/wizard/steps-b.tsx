"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import {
  ACCOUNT_BANKS,
  ACCOUNT_CERT_ORGANIZATION_TYPES,
  ACCOUNT_TYPES_BY_ORGANIZATION,
  MAINLAND_ID_CARD,
  MAX_ADDITION_PICS,
  MAX_OTHER_CERT_PICS,
  MAX_QUALIFICATION_PICS,
  OTHER_BANK,
  PERSONAL_ACCOUNT,
  SHORTNAME_MAX_BYTES,
  type OrganizationType,
} from "@/lib/qualification/constants";
import { provinceOf, regions } from "@/lib/qualification/regions";
import { utf8Bytes } from "@/lib/qualification/schema";
import { ChoiceField, PhotoInput, PhotoListInput, Section, SelectField, TextAreaField, TextField, fieldId, useFieldError, useFieldLabel } from "./controls";

function RegionPicker() {
  const name = "account_info.bank_address_code";
  const t = useTranslations("wizard.picker");
  const labelOf = useFieldLabel();
  const { setValue, trigger, register } = useFormContext();
  const code = useWatch({ name }) as string | undefined;
  const [province, setProvince] = useState(() => (code ? (provinceOf(code) ?? "") : ""));
  const error = useFieldError(name);
  const id = fieldId(name);
  const cities = regions.find(([c]) => c === province)?.[2] ?? [];
  const cityOptions = province && cities.length === 0 ? [[province, regions.find(([c]) => c === province)![1]] as const] : cities;
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium text-slate-800">{labelOf(name)}</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${id}-province`} label={t("province")}>
          <select
            id={`${id}-province`}
            className={inputClass}
            value={province}
            onChange={(e) => {
              const next = e.target.value;
              setProvince(next);
              const only = regions.find(([c]) => c === next);
              // A municipality is its own city: Beijing is 110000.
              setValue(name, only && only[2].length === 0 ? next : "", { shouldDirty: true });
              void trigger(name);
            }}
          >
            <option value="">{t("choose")}</option>
            {regions.map(([c, n]) => (
              <option key={c} value={c}>
                {n}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id} label={t("city")} error={error}>
          <select id={id} className={inputClass} aria-invalid={!!error} aria-describedby={describedBy(id, { error })} disabled={!province} {...register(name)}>
            <option value="">{t("choose")}</option>
            {cityOptions.map(([c, n]) => (
              <option key={c} value={c}>
                {n}
              </option>
            ))}
          </select>
        </Field>
      </div>
    </fieldset>
  );
}

export function AccountStep({ merchantName }: { merchantName: string }) {
  const t = useTranslations("wizard");
  const { getValues } = useFormContext();
  const [bank, accountType] = useWatch({ name: ["account_info.account_bank", "account_info.bank_account_type"] }) as [string | undefined, string | undefined];
  const org = getValues("organization_type") as OrganizationType | undefined;
  const allowed = org ? ACCOUNT_TYPES_BY_ORGANIZATION[org] : undefined;
  const idName = (getValues("id_doc_type") === MAINLAND_ID_CARD ? getValues("id_card_info.id_card_name") : getValues("id_doc_info.id_doc_name")) as string | undefined;
  const nameHint = accountType === PERSONAL_ACCOUNT ? (idName ? t("account.nameHintPersonal", { name: idName }) : undefined) : accountType ? t("account.nameHintCorporate", { name: merchantName }) : undefined;
  return (
    <div className="flex flex-col gap-6">
      <Section description={allowed ? t(`account.rule.${org!}`) : t("account.chooseType")}>
        <ChoiceField name="account_info.bank_account_type" options={(["74", "75"] as const).map((v) => ({ value: v, label: t(`accountTypes.${v}`), disabled: allowed ? !allowed.includes(v) : false }))} />
        <SelectField name="account_info.account_bank" options={ACCOUNT_BANKS.map((b) => ({ value: b.account_bank, label: b.need_bank_branch ? `${b.account_bank}（${t("account.needsBranch")}）` : b.account_bank }))} />
        <RegionPicker />
        {bank === OTHER_BANK ? (
          <div className="flex flex-col gap-4 rounded-md bg-slate-50 p-3">
            <p className="text-sm text-slate-700">{t("account.branchHint")}</p>
            <TextField name="account_info.bank_branch_id" inputMode="numeric" />
            <TextField name="account_info.bank_name" />
          </div>
        ) : null}
        <TextField name="account_info.account_name" hint={nameHint} />
        <TextField name="account_info.account_number" inputMode="numeric" />
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

export function AdditionalStep() {
  const t = useTranslations("wizard");
  const org = useWatch({ name: "organization_type" });
  const shortname = (useWatch({ name: "merchant_shortname" }) as string | undefined) ?? "";
  const used = utf8Bytes(shortname.trim());
  return (
    <Section>
      <TextField
        name="merchant_shortname"
        hint={t("additional.shortnameRule")}
        after={
          <p aria-live="polite" className={used > SHORTNAME_MAX_BYTES ? "text-sm font-medium text-red-700" : "text-sm text-slate-600"} data-testid="shortname-counter">
            {t("additional.shortnameCounter", { used, max: SHORTNAME_MAX_BYTES })}
          </p>
        }
      />
      <TextAreaField name="business_addition_desc" hint={org === "2500" ? t("additional.descRequired") : undefined} />
      <PhotoListInput name="qualifications.pic_file_list" max={MAX_QUALIFICATION_PICS} />
      <PhotoListInput name="business_addition_pics.pic_file_list" max={MAX_ADDITION_PICS} />
    </Section>
  );
}
