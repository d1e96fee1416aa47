"use client";

import { useTranslations } from "next-intl";
import { useWatch } from "react-hook-form";
import { PhotoListInput, Section, TextAreaField, TextField } from "@/components/form";
import { MAX_ADDITION_PICS, MAX_QUALIFICATION_PICS } from "@/lib/qualification/constants";
import { shortnameLength } from "@/lib/qualification/rules";

export function AdditionalStep() {
  const t = useTranslations("wizard");
  const org = useWatch({ name: "organization_type" });
  const shortname = (useWatch({ name: "merchant_shortname" }) as string | undefined) ?? "";
  const { characters, over } = shortnameLength(shortname);
  return (
    <Section>
      <TextField
        name="merchant_shortname"
        hint={t("additional.shortnameRule")}
        after={
          <p aria-live="polite" className={over ? "text-sm font-medium text-red-700" : "text-sm text-slate-600"} data-testid="shortname-counter">
            {t("additional.shortnameCounter", { characters, over: String(over) })}
          </p>
        }
      />
      <TextAreaField name="business_addition_desc" hint={org === "2500" ? t("additional.descRequired") : undefined} />
      <PhotoListInput name="qualifications.pic_file_list" max={MAX_QUALIFICATION_PICS} />
      <PhotoListInput name="business_addition_pics.pic_file_list" max={MAX_ADDITION_PICS} />
    </Section>
  );
}
