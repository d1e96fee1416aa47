"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { useFailureMessage } from "@/components/action/use-failure-message";
import { Field, Input, describedBy } from "@/components/ui/field";
import { withdrawalRequestSchema, type WithdrawalRequest } from "@/lib/funds/schemas";
import type { ActionResult } from "@/lib/server/action-result";
import { randomUuid } from "@/lib/crypto/random-uuid";
import { LiveFieldset } from "@/components/form/live-fieldset";

/**
 * One idempotency key per intended withdrawal: a retry after a lost answer reuses it (one
 * withdrawal); a new key is drawn only after a request is accepted.
 */
export function WithdrawalForm({ hasAccount, action }: { hasAccount: boolean; action: (values: WithdrawalRequest) => Promise<ActionResult<{ created: boolean; withdrawalId: string }>> }) {
  const t = useTranslations("funds");
  const router = useRouter();
  const failureMessage = useFailureMessage();
  const [result, setResult] = useState<{ ok: boolean; message: string | null } | null>(null);
  // Server messages may carry a value after "|": the most that can be withdrawn ("…amountOverBalance|10.00").
  const fieldMessage = (message: string) => {
    const [key, max] = message.replace(/^funds\./, "").split("|");
    return (t as unknown as (key: string, values: Record<string, string>) => string)(key!, { max: `¥${max ?? ""}` });
  };
  const { register, handleSubmit, setError, reset, getValues, formState: { errors, isSubmitting } } = useForm<WithdrawalRequest>({
    resolver: zodResolver(withdrawalRequestSchema),
    defaultValues: { amount: "", currency: "CNY", idempotency_key: randomUuid() },
  });
  const onSubmit = handleSubmit(async (values) => {
    const answer = await action(values);
    // Over the balance: the field says it, with the most that can be withdrawn; the status line does not repeat it.
    const message = answer.ok ? t(answer.data.created ? "withdraw.created" : "withdraw.duplicate") : answer.reason === "withdrawal.over_balance" ? null : failureMessage(answer);
    setResult({ ok: answer.ok, message });
    if (answer.ok) {
      reset({ amount: "", currency: values.currency, idempotency_key: randomUuid() });
      router.refresh();
      return;
    }
    for (const [field, message] of Object.entries(answer.fields ?? {})) setError(field as keyof WithdrawalRequest, { message });
    // Keep the key: resubmitting the same request must not create a second withdrawal.
    reset({ ...getValues() }, { keepErrors: true });
  });
  const amountError = errors.amount?.message ? fieldMessage(errors.amount.message) : undefined;
  if (!hasAccount) return <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">{t("withdraw.needAccount")}</p>;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="withdraw-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="withdraw-title" className="text-lg font-semibold">{t("withdraw.title")}</h2>
      <p className="mt-1 text-sm text-slate-600">{t("withdraw.hint")}</p>
      {/* Aligned on the input row: an error under the amount grows the field downwards, never shifts the button. */}
      <LiveFieldset disabled={isSubmitting} className="mt-3 grid grid-cols-[minmax(0,14rem)_auto] items-start gap-3">
        <Field id="withdraw-amount" label={t("withdraw.amountCny")} error={amountError}>
          <Input id="withdraw-amount" inputMode="decimal" autoComplete="off" aria-invalid={!!amountError} aria-describedby={describedBy("withdraw-amount", { error: amountError })} {...register("amount")} />
        </Field>
        <input type="hidden" {...register("currency")} />
        <input type="hidden" {...register("idempotency_key")} />
        <Button type="submit" className="mt-6">{isSubmitting ? t("withdraw.submitting") : t("withdraw.submit")}</Button>
      </LiveFieldset>
      <p role="status" className={result && !result.ok ? "mt-2 text-sm text-red-700" : "mt-2 text-sm text-slate-700"}>{result?.message}</p>
    </form>
  );
}
