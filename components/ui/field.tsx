import { clsx } from "clsx";
import { forwardRef, type InputHTMLAttributes, type ReactNode } from "react";

/** A label, the control, an optional hint and the error under it, wired with aria attributes. */
export function Field({ id, label, hint, error, children, className, optional }: { id: string; label: ReactNode; hint?: ReactNode; error?: ReactNode; children: ReactNode; className?: string; optional?: ReactNode }) {
  return (
    <div className={clsx("flex flex-col gap-1", className)}>
      <FieldLabel id={id} optional={optional}>
        {label}
      </FieldLabel>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A field's label, with the "(optional)" marker beside it (outside the label, so the field's name stays its label). */
export function FieldLabel({ id, optional, children, labelId }: { id: string; optional?: ReactNode; children: ReactNode; labelId?: string }) {
  const label = (
    <label id={labelId} htmlFor={id} className="text-sm font-medium text-slate-800">
      {children}
    </label>
  );
  if (!optional) return label;
  return (
    <div className="flex flex-wrap items-baseline gap-x-1">
      {label}
      <span className="text-sm text-slate-600" data-optional>
        {optional}
      </span>
    </div>
  );
}

/** The error under a field or group, announced when it appears; `aria-describedby` points at its id. */
export function FieldError({ id, error }: { id: string; error?: ReactNode }) {
  return error ? (
    <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
      {error}
    </p>
  ) : null;
}

export function describedBy(id: string, { hint, error }: { hint?: unknown; error?: unknown }): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-brand-700 focus:outline-none focus:ring-2 focus:ring-brand-700/30 aria-[invalid=true]:border-red-600 disabled:bg-slate-100 sm:text-sm";

export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function Input({ className, ...props }, ref) {
  return <input ref={ref} className={clsx(inputClass, className)} {...props} />;
});
