"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { BankLookup, RegionPicker } from "@/components/form";
import { useFailureMessage } from "@/components/action/use-failure-message";
import { Button } from "@/components/ui/button";
import { Field, Input, describedBy, inputClass } from "@/components/ui/field";
import { settlementChangeSchemaFor, type SettlementChange } from "@/lib/funds/settlement-schema";
import { ACCOUNT_BANK_NAMES, BANK_ACCOUNT_TYPES, OTHER_BANK } from "@/lib/qualification/constants";
import type { ActionResult } from "@/lib/server/action-result";
import { LiveFieldset } from "@/components/form/live-fieldset";

/** The settlement account change, with the wizard's account step rules (one schema, picked). */
export function SettlementAccountForm({ action, merchantName, organizationType }: { action: (values: SettlementChange) => Promise<ActionResult<null>>; merchantName: string; organizationType?: string }) {
  const t = useTranslations("funds");
  const tRoot = useTranslations();
  const router = useRouter();
  const failureMessage = useFailureMessage();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const form = useForm<SettlementChange>({
    // The wizard's account rules run here too, so every problem shows at once before anything is sent.
    resolver: zodResolver(settlementChangeSchemaFor({ merchantName, organizationType })),
    defaultValues: { bank_account_type: "74", account_name: "", account_number: "" } as Partial<SettlementChange> as SettlementChange,
  });
  const { register, handleSubmit, watch, setError, reset, formState: { errors, isSubmitting } } = form;
  const bank = watch("account_bank");
  // The region picker keeps the chosen province; a new key starts it empty after a change is sent.
  const [pickerKey, setPickerKey] = useState(0);

  const message = (key?: string) => (key ? (key.startsWith("validation.") ? tRoot(key as never) : key) : undefined);
  const error = (name: keyof SettlementChange) => message(errors[name]?.message);

  const onSubmit = handleSubmit(async (values) => {
    const answer = await action(values);
    setResult({ ok: answer.ok, message: answer.ok ? t("settlement.requested") : failureMessage(answer) });
    if (answer.ok) {
      reset();
      setPickerKey((key) => key + 1);
      router.refresh();
      return;
    }
    for (const [field, key] of Object.entries(answer.fields ?? {})) setError(field as keyof SettlementChange, { message: key });
  });

  return (
    <FormProvider {...form}>
    <form onSubmit={onSubmit} noValidate aria-labelledby="change-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="change-title" className="text-lg font-semibold">{t("settlement.changeTitle")}</h2>
      <p className="mt-1 text-sm text-slate-600">{t("settlement.changeHint")}</p>
      <LiveFieldset disabled={isSubmitting} className="mt-4 grid gap-4 sm:grid-cols-2">
        <Field id="bank_account_type" label={t("settlement.fields.bank_account_type")} error={error("bank_account_type")}>
          <select id="bank_account_type" className={inputClass} aria-invalid={!!error("bank_account_type")} aria-describedby={describedBy("bank_account_type", { error: error("bank_account_type") })} {...register("bank_account_type")}>
            {BANK_ACCOUNT_TYPES.map((type) => <option key={type} value={type}>{t(`settlement.accountTypes.${type}`)}</option>)}
          </select>
        </Field>
        <Field id="account_bank" label={t("settlement.fields.account_bank")} error={error("account_bank")}>
          <select id="account_bank" className={inputClass} defaultValue="" aria-invalid={!!error("account_bank")} aria-describedby={describedBy("account_bank", { error: error("account_bank") })} {...register("account_bank")}>
            <option value="" disabled>{t("settlement.choose")}</option>
            {ACCOUNT_BANK_NAMES.map((name) => <option key={name} value={name}>{name}</option>)}
          </select>
        </Field>
        <RegionPicker key={pickerKey} name="bank_address_code" cityLabel={t("settlement.fields.city")} error={error("bank_address_code")} />
        {bank === OTHER_BANK ? (
          <>
            <Field id="bank_branch_id" label={t("settlement.fields.bank_branch_id")} error={error("bank_branch_id")}>
              <Input id="bank_branch_id" inputMode="numeric" aria-invalid={!!error("bank_branch_id")} aria-describedby={describedBy("bank_branch_id", { error: error("bank_branch_id") })} {...register("bank_branch_id", { setValueAs: (v: string) => v || undefined })} />
            </Field>
            <Field id="bank_name" label={t("settlement.fields.bank_name")} error={error("bank_name")}>
              <Input id="bank_name" aria-invalid={!!error("bank_name")} aria-describedby={describedBy("bank_name", { error: error("bank_name") })} {...register("bank_name", { setValueAs: (v: string) => v || undefined })} />
            </Field>
          </>
        ) : null}
        <Field id="account_name" label={t("settlement.fields.account_name")} hint={t("settlement.nameRule", { name: merchantName })} error={error("account_name")}>
          <Input id="account_name" autoComplete="off" aria-invalid={!!error("account_name")} aria-describedby={describedBy("account_name", { hint: true, error: error("account_name") })} {...register("account_name")} />
        </Field>
        <Field id="account_number" label={t("settlement.fields.account_number")} error={error("account_number")}>
          <Input id="account_number" inputMode="numeric" autoComplete="off" aria-invalid={!!error("account_number")} aria-describedby={describedBy("account_number", { error: error("account_number") })} {...register("account_number")} />
        </Field>
        <BankLookup prefix="" className="sm:col-span-2" />
        <div className="sm:col-span-2">
          <Button type="submit">{isSubmitting ? t("settlement.submitting") : t("settlement.submit")}</Button>
        </div>
      </LiveFieldset>
      <p role="status" className={result && !result.ok ? "mt-2 text-sm text-red-700" : "mt-2 text-sm text-slate-700"}>{result?.message}</p>
    </form>
    </FormProvider>
  );
}
