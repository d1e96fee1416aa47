"use client";

import { useTranslations } from "next-intl";
import { useFormContext, useWatch } from "react-hook-form";
import { ChoiceField, DateField, PhotoInput, Section, TextField } from "@/components/form";
import { CONTACT_AGENT, contactTypesFor } from "@/lib/qualification/constants";

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
          <div className="flex flex-col gap-4">
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
