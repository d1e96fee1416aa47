"use client";

import { useTranslations } from "next-intl";
import { useWatch } from "react-hook-form";
import { ChoiceField, DateField, PhotoInput, Section, TextField } from "@/components/form";
import { ADDRESS_ORGANIZATION_TYPES, ID_DOC_TYPES, MAINLAND_ID_CARD, type OrganizationType } from "@/lib/qualification/constants";

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
          <div className="flex flex-col gap-4">
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
          <div className="flex flex-col gap-4">
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
