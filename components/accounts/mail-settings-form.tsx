"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useFailureMessage } from "@/components/action/use-failure-message";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { mailSettingsSchema, type MailSettings } from "@/lib/accounts/mail-settings-schema";
import { locales } from "@/lib/i18n/config";
import type { ActionResult } from "@/lib/server/action-result";
import { LiveFieldset } from "@/components/form/live-fieldset";

/** One's own mail settings: non-essential mail on or off, and the language mails are written in. */
export function MailSettingsForm({ settings, action }: { settings: MailSettings; action: (values: MailSettings) => Promise<ActionResult<MailSettings>> }) {
  const t = useTranslations("accounts.account");
  const languages = useTranslations("common.languages");
  const failureMessage = useFailureMessage();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const { register, handleSubmit, reset, formState: { isSubmitting } } = useForm<MailSettings>({ resolver: zodResolver(mailSettingsSchema), defaultValues: settings });
  const onSubmit = handleSubmit(async (values) => {
    const answer = await action(values);
    setResult({ ok: answer.ok, message: answer.ok ? t("mailSaved") : failureMessage(answer) });
    // What was saved becomes the form's starting point; on a failure the choices stay as they are.
    if (answer.ok) reset(answer.data);
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3">
      <LiveFieldset disabled={isSubmitting} className="flex flex-col gap-3">
        <label htmlFor="mail-opt-out" className="flex items-start gap-2 text-sm text-slate-800">
          <input id="mail-opt-out" type="checkbox" className="mt-0.5 size-4 shrink-0 accent-brand-700" {...register("optOut")} />
          <span>{t("mailOptOut")}</span>
        </label>
        <Field id="mail-locale" label={t("mailLocale")} className="max-w-xs">
          <select id="mail-locale" className={inputClass} {...register("locale")}>
            {locales.map((locale) => <option key={locale} value={locale}>{languages(locale)}</option>)}
          </select>
        </Field>
        <Button type="submit" variant="secondary" className="self-start">{t("saveMail")}</Button>
      </LiveFieldset>
      <p role="status" className={result && !result.ok ? "text-sm text-red-700" : "text-sm text-slate-700"}>{result?.message}</p>
    </form>
  );
}
