"use client";

import { useTranslations } from "next-intl";
import { useWatch } from "react-hook-form";
import { DateField, PhotoInput, Section, TextField } from "@/components/form";
import { isPersonalType } from "@/lib/qualification/constants";

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
