"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { clsx } from "clsx";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { FormProvider, useForm, useWatch, type FieldValues, type Resolver } from "react-hook-form";
import type { MiniProgramProfile } from "@/db/schema/accounts";
import { Button } from "@/components/ui/button";
import { WIZARD_STEPS, chinaToday, fieldErrors, qualificationSchemaFor, stepOfPath, stepSchemaFor, type QualificationContext, type WizardStep } from "@/lib/qualification/schema";
import { ReviewSummary } from "./review-summary";
import { AccountStep, AdditionalStep } from "./steps-b";
import { ContactStep, IdentityStep, LicenseStep, SubjectStep } from "./steps-a";
import { useAutosave } from "./use-autosave";

export type WizardProps = {
  draft: { values: Record<string, unknown>; step: WizardStep; version: number };
  miniProgram: MiniProgramProfile | null;
  merchantName: string;
};

export function Wizard({ draft, miniProgram, merchantName }: WizardProps) {
  const t = useTranslations("wizard");
  const router = useRouter();
  const [step, setStep] = useState<WizardStep>(draft.step);
  const stepRef = useRef(step);
  stepRef.current = step;
  const context = useMemo<QualificationContext>(() => ({ merchantName, today: chinaToday() }), [merchantName]);

  // The resolver validates the current step only; the whole application is checked on review and submit.
  const resolver = useCallback<Resolver<FieldValues>>(
    (values, ctx, options) => (zodResolver(stepSchemaFor(stepRef.current, context) as never) as unknown as Resolver<FieldValues>)(values, ctx, options),
    [context],
  );
  const form = useForm<FieldValues>({ defaultValues: draft.values, resolver, mode: "onTouched", reValidateMode: "onChange" });
  const read = useCallback(() => ({ step: stepRef.current, values: form.getValues() }), [form]);
  const save = useAutosave({ initialVersion: draft.version, read });
  const { markSaved, schedule, flush } = save;

  useEffect(() => {
    markSaved({ step: draft.step, values: draft.values });
    const subscription = form.watch(() => schedule());
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const [stepProblems, setStepProblems] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const index = WIZARD_STEPS.indexOf(step);

  const goTo = (next: WizardStep) => {
    setStepProblems(0);
    form.clearErrors();
    stepRef.current = next;
    setStep(next);
    void flush();
    requestAnimationFrame(() => {
      heading.current?.focus();
      window.scrollTo({ top: 0 });
    });
  };

  // handleSubmit checks the step and focuses the first problem; after it, every field re-validates as it changes.
  // The warning lasts while the step still shows errors; fixing them turns the button back into Next.
  const liveProblems = Object.keys(flattenErrors(form.formState.errors)).length;
  const warned = stepProblems > 0 && liveProblems > 0;
  const onNext = async () => {
    if (warned) return goTo(WIZARD_STEPS[index + 1]!);
    await form.handleSubmit(
      () => goTo(WIZARD_STEPS[index + 1]!),
      (errors) => setStepProblems(Object.keys(flattenErrors(errors)).length || 1),
    )();
  };

  // Steps with problems: the whole application checked against the schema, as the server will.
  const values = useWatch({ control: form.control }) as Record<string, unknown>;
  const allErrors = useMemo(() => {
    const result = qualificationSchemaFor(context).safeParse(values);
    return result.success ? {} : fieldErrors(result.error);
  }, [values, context]);
  const [visited] = useState(() => new Set<WizardStep>());
  visited.add(step);
  const stepsWithErrors = new Set(Object.keys(allErrors).map(stepOfPath));

  return (
    <FormProvider {...form}>
      <div className="flex flex-col gap-6">
        <Progress step={step} onSelect={goTo} flagged={(s) => s !== step && visited.has(s) && stepsWithErrors.has(s)} />
        <SaveStatus state={save.state} savedAt={save.savedAt} onRetry={() => void flush()} />
        <form noValidate onSubmit={(e) => e.preventDefault()} className="flex flex-col gap-6" aria-labelledby="wizard-step-title">
          <h2 id="wizard-step-title" ref={heading} tabIndex={-1} className="text-xl font-semibold text-slate-900 focus:outline-none">
            {t(`steps.${step}`)}
          </h2>
          <fieldset disabled={save.state === "conflict" || save.state === "locked"} className="contents">
            {step === "subject" ? <SubjectStep miniProgram={miniProgram} /> : null}
            {step === "license" ? <LicenseStep /> : null}
            {step === "identity" ? <IdentityStep /> : null}
            {step === "contact" ? <ContactStep /> : null}
            {step === "account" ? <AccountStep merchantName={merchantName} /> : null}
            {step === "additional" ? <AdditionalStep /> : null}
          </fieldset>
          {step === "review" ? (
            <ReviewStep
              values={values}
              errors={allErrors}
              onEdit={goTo}
              disabled={save.state === "conflict" || save.state === "locked"}
              submit={async () => {
                await flush();
                const response = await fetch("/api/application/submit", {
                  method: "POST",
                  headers: { "content-type": "application/json" },
                  body: JSON.stringify({ version: save.version.current }),
                });
                const body = (await response.json().catch(() => null)) as { error?: { code?: string; fields?: Record<string, string> } } | null;
                if (response.ok) {
                  router.refresh();
                  return null;
                }
                return body?.error ?? { code: "internal" };
              }}
            />
          ) : null}
          {warned ? (
            <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {t("nav.stepErrors", { count: liveProblems })}
            </p>
          ) : null}
          <div className="flex flex-wrap justify-between gap-3">
            {index > 0 ? (
              <Button variant="secondary" onClick={() => goTo(WIZARD_STEPS[index - 1]!)}>
                {t("nav.back")}
              </Button>
            ) : (
              <span />
            )}
            {step !== "review" ? <Button onClick={() => void onNext()}>{warned ? t("nav.continueAnyway") : t("nav.next")}</Button> : null}
          </div>
        </form>
      </div>
    </FormProvider>
  );
}

function flattenErrors(errors: unknown, prefix = ""): Record<string, true> {
  if (!errors || typeof errors !== "object") return {};
  if ("message" in errors && typeof (errors as { message?: unknown }).message === "string") return { [prefix]: true };
  return Object.entries(errors as Record<string, unknown>).reduce<Record<string, true>>((acc, [k, v]) => (k === "ref" ? acc : { ...acc, ...flattenErrors(v, prefix ? `${prefix}.${k}` : k) }), {});
}

function Progress({ step, onSelect, flagged }: { step: WizardStep; onSelect: (s: WizardStep) => void; flagged: (s: WizardStep) => boolean }) {
  const t = useTranslations("wizard");
  const current = WIZARD_STEPS.indexOf(step);
  return (
    <nav aria-label={t("progress.label")}>
      <p className="mb-2 text-sm text-slate-600" data-testid="wizard-position">
        {t("progress.position", { current: current + 1, total: WIZARD_STEPS.length })}
      </p>
      <div className="mb-3 h-2 w-full overflow-hidden rounded bg-slate-200" aria-hidden="true">
        <div className="h-full bg-brand-700 transition-all" style={{ width: `${((current + 1) / WIZARD_STEPS.length) * 100}%` }} />
      </div>
      <ol className="grid grid-cols-7 gap-1">
        {WIZARD_STEPS.map((s, i) => {
          const isCurrent = s === step;
          const warn = flagged(s);
          return (
            <li key={s} className="min-w-0">
              <button
                type="button"
                onClick={() => onSelect(s)}
                aria-current={isCurrent ? "step" : undefined}
                className={clsx(
                  "flex w-full min-h-11 flex-col items-center gap-1 rounded-md px-1 py-1 text-center text-xs",
                  isCurrent ? "bg-brand-50 font-semibold text-brand-800" : "text-slate-700 hover:bg-slate-100",
                )}
              >
                <span className={clsx("flex size-6 items-center justify-center rounded-full border text-xs", isCurrent ? "border-brand-700 bg-brand-700 text-white" : warn ? "border-amber-600 text-amber-800" : i < current ? "border-brand-700 text-brand-800" : "border-slate-400")}>
                  {warn ? "!" : i + 1}
                </span>
                <span className="sr-only sm:not-sr-only sm:block sm:max-w-full sm:leading-tight sm:break-words">{t(`steps.${s}`)}</span>
                {warn ? <span className="sr-only">{t("progress.hasErrors")}</span> : null}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function SaveStatus({ state, savedAt, onRetry }: { state: string; savedAt: Date | null; onRetry: () => void }) {
  const t = useTranslations("wizard.save");
  if (state === "conflict") {
    return (
      <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
        <p className="font-semibold">{t("conflictTitle")}</p>
        <p className="mt-1">{t("conflictBody")}</p>
        <Button className="mt-2" variant="secondary" onClick={() => window.location.reload()}>
          {t("reload")}
        </Button>
      </div>
    );
  }
  if (state === "locked") {
    return (
      <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
        <p>{t("locked")}</p>
        <Button className="mt-2" variant="secondary" onClick={() => window.location.reload()}>
          {t("reload")}
        </Button>
      </div>
    );
  }
  return (
    <div role="status" aria-live="polite" className="flex min-h-6 items-center gap-3 text-sm text-slate-600" data-testid="save-status" data-state={state}>
      {state === "saving" ? t("saving") : null}
      {state === "saved" && savedAt ? t("savedAt", { time: savedAt.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" }) }) : null}
      {state === "error" ? (
        <>
          <span className="text-red-700">{t("failed")}</span>
          <Button variant="secondary" onClick={onRetry}>
            {t("retry")}
          </Button>
        </>
      ) : null}
    </div>
  );
}

function ReviewStep({ values, errors, onEdit, submit, disabled }: { values: Record<string, unknown>; errors: Record<string, string>; onEdit: (s: WizardStep) => void; submit: () => Promise<{ code?: string; fields?: Record<string, string> } | null>; disabled: boolean }) {
  const t = useTranslations("wizard.review");
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<{ code?: string; fields?: Record<string, string> } | null>(null);
  const shown = serverError?.fields ?? errors;
  const count = Object.keys(shown).length;
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-slate-700">{t("intro")}</p>
      {count > 0 ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {serverError?.fields ? t("serverRejected") : t("problemsTitle")} ({t("problems", { count })})
        </p>
      ) : (
        <p className="rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-800">{t("ready")}</p>
      )}
      <ReviewSummary values={values} errors={shown} onEdit={onEdit} />
      {serverError && !serverError.fields ? (
        <p role="alert" className="text-sm text-red-700">
          {t("submitFailed")}
        </p>
      ) : null}
      <div className="flex justify-end">
        <Button
          disabled={busy || disabled || count > 0}
          onClick={async () => {
            setBusy(true);
            setServerError(null);
            const error = await submit();
            setServerError(error);
            setBusy(false);
          }}
        >
          {busy ? t("submitting") : t("submit")}
        </Button>
      </div>
    </div>
  );
}
