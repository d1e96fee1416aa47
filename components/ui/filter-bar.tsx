import { clsx } from "clsx";
import { Link } from "@/components/ui/link";
import type { FormHTMLAttributes, ReactNode } from "react";
import { Button } from "./button";

/**
 * A list's filters as a search form: a plain GET form by default (filters live in the URL, so a view
 * can be bookmarked and shared); `reset` links back to the unfiltered list.
 */
export function FilterBar({ label, children, apply, reset, extra, className, ...form }: FormHTMLAttributes<HTMLFormElement> & { label: string; children: ReactNode; apply: string; reset?: ReactNode; extra?: ReactNode }) {
  return (
    <form method="get" role="search" aria-label={label} className="rounded-lg border border-slate-200 bg-white p-4" {...form}>
      <div className={clsx("grid gap-3 sm:grid-cols-2", className ?? "lg:grid-cols-4")}>{children}</div>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        {extra}
        <div className="ml-auto flex flex-wrap items-center gap-2">
          {reset}
          <Button type="submit">{apply}</Button>
        </div>
      </div>
    </form>
  );
}

/** Back to the unfiltered list. */
export function ResetLink({ href, children }: { href: string; children: ReactNode }) {
  return <Link href={href} className="inline-flex min-h-10 items-center rounded-md px-3 text-sm font-medium text-brand-800 underline">{children}</Link>;
}
