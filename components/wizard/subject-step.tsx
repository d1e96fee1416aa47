"use client";

import { useTranslations } from "next-intl";
import { useWatch } from "react-hook-form";
import { ChoiceField, Section } from "@/components/form";
import type { MiniProgramProfile } from "@/db/schema/accounts";
import { ORGANIZATION_TYPES, REQUIRED_DOCUMENTS, organizationTypeOf } from "@/lib/qualification/constants";

export function SubjectStep({ miniProgram }: { miniProgram: MiniProgramProfile | null }) {
  const t = useTranslations("wizard");
  const org = organizationTypeOf(useWatch({ name: "organization_type" }));
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
