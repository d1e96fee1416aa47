"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, Input, describedBy, inputClass } from "@/components/ui/field";
import { withdrawalRequestSchema, type WithdrawalRequest } from "@/lib/funds/schemas";

/** A v4 UUID; `crypto.randomUUID` exists only on secure origins, `getRandomValues` everywhere. */
function newKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export type WithdrawalActionResult = { errors?: Partial<Record<keyof WithdrawalRequest, string>>; message: string | null; ok: boolean };

/**
 * One idempotency key per intended withdrawal: a retry after a lost answer reuses it (one
 * withdrawal); a new key is drawn only after a request is accepted.
 */
export function WithdrawalForm({ currencies, hasAccount, action }: { currencies: string[]; hasAccount: boolean; action: (values: WithdrawalRequest) => Promise<WithdrawalActionResult> }) {
  const t = useTranslations("funds");
  const router = useRouter();
  const [result, setResult] = useState<WithdrawalActionResult | null>(null);
  const { register, handleSubmit, setError, reset, getValues, formState: { errors, isSubmitting } } = useForm<WithdrawalRequest>({
    resolver: zodResolver(withdrawalRequestSchema),
    defaultValues: { amount: "", currency: currencies[0] ?? "CNY", idempotency_key: newKey() },
  });
  const onSubmit = handleSubmit(async (values) => {
    const answer = await action(values);
    setResult(answer);
    if (answer.ok) {
      reset({ amount: "", currency: values.currency, idempotency_key: newKey() });
      router.refresh();
      return;
    }
    for (const [field, message] of Object.entries(answer.errors ?? {})) setError(field as keyof WithdrawalRequest, { message });
    // Keep the key: resubmitting the same request must not create a second withdrawal.
    reset({ ...getValues() }, { keepErrors: true });
  });
  const amountError = errors.amount?.message ? t(errors.amount.message.replace(/^funds\./, "") as never) : undefined;
  if (!hasAccount) return <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">{t("withdraw.needAccount")}</p>;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="withdraw-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="withdraw-title" className="text-lg font-semibold">{t("withdraw.title")}</h2>
      <fieldset disabled={isSubmitting} className="mt-3 flex flex-wrap items-end gap-3">
        <Field id="withdraw-amount" label={t("withdraw.amount")} error={amountError} className="w-48">
          <Input id="withdraw-amount" inputMode="decimal" autoComplete="off" aria-invalid={!!amountError} aria-describedby={describedBy("withdraw-amount", { error: amountError })} {...register("amount")} />
        </Field>
        <Field id="withdraw-currency" label={t("withdraw.currency")} className="w-32">
          <select id="withdraw-currency" className={inputClass} {...register("currency")}>
            {currencies.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </Field>
        <input type="hidden" {...register("idempotency_key")} />
        <Button type="submit">{isSubmitting ? t("withdraw.submitting") : t("withdraw.submit")}</Button>
      </fieldset>
      <p role="status" className={result && !result.ok ? "mt-2 text-sm text-red-700" : "mt-2 text-sm text-slate-700"}>{result?.message}</p>
    </form>
  );
}
