"use client";

import { useTranslations } from "next-intl";
import { useFormContext, useWatch } from "react-hook-form";
import type { MiniProgramProfile } from "@/db/schema/accounts";
import {
  CONTACT_AGENT,
  ID_DOC_TYPES,
  MAINLAND_ID_CARD,
  ORGANIZATION_TYPES,
  REQUIRED_DOCUMENTS,
  ADDRESS_ORGANIZATION_TYPES,
  contactTypesFor,
  isPersonalType,
  type OrganizationType,
} from "@/lib/qualification/constants";
import { ChoiceField, DateField, PhotoInput, Section, TextField } from "./controls";

export function SubjectStep({ miniProgram }: { miniProgram: MiniProgramProfile | null }) {
  const t = useTranslations("wizard");
  const org = useWatch({ name: "organization_type" }) as OrganizationType | undefined;
  const documents = org && REQUIRED_DOCUMENTS[org];
  return (
    <div className="flex flex-col gap-6">
      <Section>
        <ChoiceField
          name="organization_type"
          legend={t("subject.legend")}
          hint={t("subject.hint")}
          options={ORGANIZATION_TYPES.map((type) => ({ value: type, label: t(`orgTypes.${type}.name`), description: t(`orgTypes.${type}.description`) }))}
        />
        <div aria-live="polite" className="rounded-md bg-slate-50 p-3">
          <h4 className="text-sm font-semibold text-slate-900">{t("subject.documentsTitle")}</h4>
          {documents ? (
            <ul className="mt-2 list-disc pl-5 text-sm text-slate-700">
              {documents.map((d) => (
                <li key={d}>{t(`documents.${d}`)}</li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-sm text-slate-600">{t("subject.documentsNone")}</p>
          )}
        </div>
      </Section>
      <Section title={t("miniProgram.title")} description={t("miniProgram.body")}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          {(["subject_name", "nickname", "appid", "license_number"] as const).map((key) => (
            <div key={key} className="contents">
              <dt className="text-slate-600">{t(`miniProgram.${key}`)}</dt>
              <dd className="break-all font-medium text-slate-900">{miniProgram?.[key] || t("miniProgram.missing")}</dd>
            </div>
          ))}
        </dl>
        <div className="text-sm text-slate-700">
          <h4 className="font-semibold text-slate-900">{t("miniProgram.adviceTitle")}</h4>
          <p className="mt-1">{t("miniProgram.adviceSubject")}</p>
          <p className="mt-1">{t("miniProgram.adviceAdmin")}</p>
        </div>
      </Section>
    </div>
  );
}

export function LicenseStep() {
  const t = useTranslations("wizard");
  const org = useWatch({ name: "organization_type" });
  const personal = isPersonalType(org);
  return (
    <Section description={personal ? t("license.noLicence") : undefined}>
      {personal ? null : <PhotoInput name="business_license_info.wxa_business_license_copy" />}
      <TextField name="business_license_info.legal_person" hint={t("hints.idNameHint")} />
      {personal ? null : (
        <div className="grid gap-4 sm:grid-cols-2">
          <DateField name="business_license_info.business_time.0" pairedEnd="business_license_info.business_time.1" />
          <DateField name="business_license_info.business_time.1" longTerm />
        </div>
      )}
    </Section>
  );
}

export function IdentityStep() {
  const t = useTranslations("wizard");
  const [org, docType] = useWatch({ name: ["organization_type", "id_doc_type"] }) as [OrganizationType | undefined, string | undefined];
  const needsAddress = ADDRESS_ORGANIZATION_TYPES.includes(org as OrganizationType);
  return (
    <div className="flex flex-col gap-6">
      <Section>
        <ChoiceField name="id_doc_type" options={ID_DOC_TYPES.map((type) => ({ value: type, label: t(`idDocTypes.${type}`) }))} />
      </Section>
      {docType === MAINLAND_ID_CARD ? (
        <Section title={t(`idDocTypes.${MAINLAND_ID_CARD}`)}>
          <div className="grid gap-4 sm:grid-cols-2">
            <PhotoInput name="id_card_info.wxa_id_card_copy" />
            <PhotoInput name="id_card_info.wxa_id_card_national" />
          </div>
          <TextField name="id_card_info.id_card_name" hint={t("hints.idNameHint")} />
          <TextField name="id_card_info.id_card_number" autoComplete="off" />
          <div className="grid gap-4 sm:grid-cols-2">
            <DateField name="id_card_info.id_card_valid_time_begin" pairedEnd="id_card_info.id_card_valid_time" />
            <DateField name="id_card_info.id_card_valid_time" longTerm />
          </div>
          {needsAddress ? <TextField name="id_card_info.id_card_address" hint={t("identity.addressHint")} /> : null}
        </Section>
      ) : docType ? (
        <Section title={t(`idDocTypes.${docType as (typeof ID_DOC_TYPES)[number]}`)}>
          <div className="grid gap-4 sm:grid-cols-2">
            <PhotoInput name="id_doc_info.wxa_id_doc_copy" />
            <PhotoInput name="id_doc_info.wxa_id_doc_copy_back" />
          </div>
          <TextField name="id_doc_info.id_doc_name" hint={t("hints.idNameHint")} />
          <TextField name="id_doc_info.id_doc_number" hint={t("hints.idDocNumberHint")} />
          <div className="grid gap-4 sm:grid-cols-2">
            <DateField name="id_doc_info.doc_period_begin" pairedEnd="id_doc_info.doc_period_end" />
            <DateField name="id_doc_info.doc_period_end" longTerm />
          </div>
          {needsAddress ? <TextField name="id_doc_info.id_doc_address" hint={t("identity.addressHint")} /> : null}
        </Section>
      ) : null}
    </div>
  );
}

export function ContactStep() {
  const t = useTranslations("wizard");
  const { getValues } = useFormContext();
  const contactType = useWatch({ name: "contact_info.contact_type" });
  const allowed = contactTypesFor(getValues("organization_type"));
  return (
    <div className="flex flex-col gap-6">
      <Section description={allowed.length === 1 ? t("contact.personalOnly") : undefined}>
        <ChoiceField name="contact_info.contact_type" options={(["65", "66"] as const).map((v) => ({ value: v, label: t(`contactTypes.${v}`), disabled: !allowed.includes(v) }))} />
        <TextField name="contact_info.contact_email" type="email" inputMode="email" autoComplete="email" hint={t("hints.emailHint")} />
        <TextField name="contact_info.mobile_phone" type="tel" inputMode="numeric" autoComplete="tel" hint={t("hints.mobileHint")} />
      </Section>
      {contactType === CONTACT_AGENT ? (
        <Section title={t("contact.agentTitle")} description={t("contact.agentHint")}>
          <div className="grid gap-4 sm:grid-cols-2">
            <PhotoInput name="contact_info.wxa_contact_id_doc_copy" />
            <PhotoInput name="contact_info.wxa_contact_id_doc_copy_back" />
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <DateField name="contact_info.contact_id_doc_period_begin" pairedEnd="contact_info.contact_id_doc_period_end" />
            <DateField name="contact_info.contact_id_doc_period_end" longTerm />
          </div>
          <PhotoInput name="contact_info.wxa_business_authorization_letter" />
        </Section>
      ) : null}
    </div>
  );
}
