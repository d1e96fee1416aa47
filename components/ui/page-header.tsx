import type { ReactNode } from "react";

/** The page's one h1 (`#page-title`, which the page's section is labelled by), its intro and actions. */
export function PageHeader({ title, intro, actions }: { title: ReactNode; intro?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div>
        <h1 id="page-title" className="text-2xl font-semibold">{title}</h1>
        {intro ? <p className="mt-1 text-slate-700">{intro}</p> : null}
      </div>
      {actions}
    </div>
  );
}
