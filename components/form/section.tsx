import type { ReactNode } from "react";

/** A card of fields; the step's first card has no title of its own (the step heading names it). */
export function Section({ title, children, description }: { title?: ReactNode; children: ReactNode; description?: ReactNode }) {
  return (
    <section className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      {title || description ? (
        <div>
          {title ? <h3 className="text-base font-semibold text-slate-900">{title}</h3> : null}
          {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
        </div>
      ) : null}
      {children}
    </section>
  );
}
