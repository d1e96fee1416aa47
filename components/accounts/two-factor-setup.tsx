"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { FormAnswer } from "@/lib/server/action-result";
import { ActionForm, type FormAction } from "./action-form";

/** Confirms enrolment with a code, then shows the ten recovery codes once. */
export function TwoFactorSetup({ confirm, next }: { confirm: FormAction<FormAnswer & { recoveryCodes: string[] }>; next: string }) {
  const t = useTranslations("accounts.twoFactor");
  const [codes, setCodes] = useState<string[] | null>(null);
  if (codes) {
    return (
      <div className="flex flex-col gap-3">
        <h2 className="font-semibold">{t("recoveryTitle")}</h2>
        <p className="text-sm text-slate-700">{t("recoveryIntro")}</p>
        <ol className="grid grid-cols-2 gap-2 rounded-md bg-slate-50 p-3 font-mono text-sm" data-testid="recovery-codes">
          {codes.map((code) => <li key={code}>{code}</li>)}
        </ol>
        <a href={next} className="inline-flex min-h-10 items-center self-start rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800">{t("continue")}</a>
      </div>
    );
  }
  return (
    <ActionForm
      idPrefix="two-factor"
      action={confirm}
      submitLabel={t("confirm")}
      fields={[{ name: "code", label: t("code"), autoComplete: "one-time-code", inputMode: "numeric" }]}
      onSuccess={(data) => setCodes(data.recoveryCodes)}
    />
  );
}
