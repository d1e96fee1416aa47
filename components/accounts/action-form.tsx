"use client";

import { clsx } from "clsx";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { useActionMessage, useFieldMessage } from "@/components/action/use-failure-message";
import { Button } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import type { ActionResult, FormAnswer } from "@/lib/server/action-result";
import { LiveFieldset } from "@/components/form/live-fieldset";

/** A server action of a form: its values as one object; on success a sentence to show or where to go. */
export type FormAction<T extends FormAnswer = FormAnswer> = (input: Record<string, string>) => Promise<ActionResult<T>>;

export type FormField = {
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "select" | "checkbox";
  hint?: string;
  autoComplete?: string;
  defaultValue?: string;
  defaultChecked?: boolean;
  options?: { value: string; label: string }[];
  inputMode?: "numeric" | "text";
};

/**
 * A form that calls a server action with its values as one object and shows the answer: field
 * messages beside the fields, a sentence above them. Typed values stay in place on any answer;
 * on success it refreshes the page (or goes where the action says).
 */
export function ActionForm<T extends FormAnswer>({
  action,
  fields,
  hidden,
  submitLabel,
  confirm,
  variant = "primary",
  className,
  inline,
  idPrefix,
  onSuccess,
  stayOnSuccess,
  children,
}: {
  action: FormAction<T>;
  fields: FormField[];
  hidden?: Record<string, string>;
  submitLabel: string;
  confirm?: string;
  variant?: "primary" | "secondary" | "danger";
  className?: string;
  inline?: boolean;
  idPrefix: string;
  onSuccess?: (data: T) => void;
  /** Keep the page as it is on success (the answer's message is all there is to show). */
  stayOnSuccess?: boolean;
  children?: ReactNode;
}) {
  const router = useRouter();
  // Field keys of the accounts services are relative to its messages (`password.common`).
  const fieldMessage = useFieldMessage("accounts");
  const failureMessage = useActionMessage("accounts");
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (confirm && !window.confirm(confirm)) return;
    const form = new FormData(event.currentTarget);
    const input: Record<string, string> = { ...hidden };
    for (const field of fields) input[field.name] = field.type === "checkbox" ? (form.get(field.name) ? "on" : "") : String(form.get(field.name) ?? "");
    setPending(true);
    try {
      const answer = await action(input);
      setResult(answer);
      if (answer.ok) {
        onSuccess?.(answer.data);
        if (answer.data.redirect) window.location.assign(answer.data.redirect);
        else if (!onSuccess && !stayOnSuccess) router.refresh();
      }
    } catch {
      setResult({ ok: false, reason: "failed" });
    } finally {
      setPending(false);
    }
  }

  const fieldKey = (name: string) => (result && !result.ok ? result.fields?.[name] : undefined);
  const fieldError = (name: string) => {
    const key = fieldKey(name);
    return key ? fieldMessage(key) : undefined;
  };
  // A failure no field of this form shows (a reason, or a field it has not) is said above the fields.
  const formError = result && !result.ok && !fields.some((f) => fieldKey(f.name)) ? failureMessage(result) : undefined;
  return (
    <form onSubmit={submit} noValidate className={clsx(inline ? "flex flex-wrap items-end gap-2" : "flex flex-col gap-4", className)}>
      {formError ? (
        <p role="alert" className="w-full rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{formError}</p>
      ) : null}
      {result?.ok && result.data.message ? (
        <p role="status" className="w-full rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">{result.data.message}</p>
      ) : null}
      {children}
      <LiveFieldset disabled={pending} className={clsx(inline ? "contents" : "flex flex-col gap-4")}>
        {fields.map((field) => {
          const id = `${idPrefix}-${field.name}`;
          const error = fieldError(field.name);
          if (field.type === "checkbox") {
            return (
              <label key={field.name} className="flex items-start gap-2 text-sm">
                <input id={id} name={field.name} type="checkbox" defaultChecked={field.defaultChecked} className="mt-1 h-4 w-4" />
                <span>{field.label}</span>
              </label>
            );
          }
          return (
            <Field key={field.name} id={id} label={field.label} hint={field.hint} error={error} className={inline ? "min-w-40 flex-1" : undefined}>
              {field.type === "select" ? (
                <select id={id} name={field.name} defaultValue={field.defaultValue} className={inputClass} aria-invalid={!!error} aria-describedby={describedBy(id, { hint: field.hint, error })}>
                  {field.options!.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                </select>
              ) : (
                <input
                  id={id}
                  name={field.name}
                  type={field.type ?? "text"}
                  defaultValue={field.defaultValue}
                  autoComplete={field.autoComplete}
                  inputMode={field.inputMode}
                  className={inputClass}
                  aria-invalid={!!error}
                  aria-describedby={describedBy(id, { hint: field.hint, error })}
                />
              )}
            </Field>
          );
        })}
        <Button type="submit" variant={variant} className={inline ? undefined : "self-start"}>{submitLabel}</Button>
      </LiveFieldset>
    </form>
  );
}
