"use client";

import { Dialog } from "radix-ui";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { ReviewAction } from "./review-field";
import { useActionMessage } from "@/components/action/use-failure-message";

/** A masked value with a Reveal button that asks for a reason; the server audits before answering. */
export function RevealControl({ applicationId, revision, fieldPath, fieldLabel, masked, reveal }: { applicationId: string; revision: number; fieldPath: string; fieldLabel: string; masked: string; reveal: ReviewAction<string> }) {
  const t = useTranslations("review.reveal");
  const message = useActionMessage();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [value, setValue] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await reveal({ applicationId, revision, fieldPath, reason });
      if (result.ok) {
        setValue(result.data);
        setOpen(false);
        setReason("");
      } else setError(message(result));
    });
  };

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {value !== null ? (
        <>
          <span className="rounded bg-amber-50 px-1 font-mono text-slate-900 ring-1 ring-amber-300" aria-label={t("revealed", { field: fieldLabel })} data-revealed={fieldPath}>
            {value}
          </span>
          <Button variant="ghost" className="min-h-8 px-2 py-1 text-xs" onClick={() => setValue(null)}>{t("hide")}</Button>
        </>
      ) : (
        <>
          <span className="font-mono" data-masked={fieldPath}>{masked}</span>
          <Dialog.Root open={open} onOpenChange={(next) => { setOpen(next); if (!next) setError(null); }}>
            <Dialog.Trigger asChild>
              <Button variant="secondary" className="min-h-8 px-2 py-1 text-xs" aria-label={t("buttonLabel", { field: fieldLabel })}>{t("button")}</Button>
            </Dialog.Trigger>
            <Dialog.Portal>
              <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
              <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[min(92vw,28rem)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl">
                <Dialog.Title className="text-lg font-semibold">{t("title", { field: fieldLabel })}</Dialog.Title>
                <Dialog.Description className="mt-2 text-sm text-slate-700">{t("body")}</Dialog.Description>
                <form onSubmit={submit} className="mt-4 flex flex-col gap-3" noValidate>
                  <fieldset disabled={pending} className="flex flex-col gap-1">
                    <label htmlFor={`${id}-reason`} className="text-sm font-medium text-slate-800">{t("reason")}</label>
                    <textarea id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} rows={3} required minLength={5} maxLength={500} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`} aria-invalid={!!error} className={inputClass} />
                    <p id={`${id}-hint`} className="text-xs text-slate-600">{t("reasonHint")}</p>
                    {error ? <p id={`${id}-error`} role="alert" className="text-sm text-red-700">{error}</p> : null}
                  </fieldset>
                  <div className="flex flex-wrap justify-end gap-2">
                    <Dialog.Close asChild>
                      <Button variant="secondary">{t("cancel")}</Button>
                    </Dialog.Close>
                    <Button type="submit" disabled={pending}>{pending ? t("submitting") : t("submit")}</Button>
                  </div>
                </form>
              </Dialog.Content>
            </Dialog.Portal>
          </Dialog.Root>
        </>
      )}
    </span>
  );
}
