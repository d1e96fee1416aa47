import type { ReactNode } from "react";

/** What a list shows when it has no rows, with an optional hint on what to do. */
export function EmptyState({ title, hint }: { title: ReactNode; hint?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center">
      <p className="font-medium text-slate-800">{title}</p>
      {hint ? <p className="mt-1 text-sm text-slate-600">{hint}</p> : null}
    </div>
  );
}

/** The number of rows a filtered list holds, announced when the filter changes. */
export function ResultCount({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="text-sm text-slate-700" role="status" data-testid={testId}>
      {children}
    </p>
  );
}
