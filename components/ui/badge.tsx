import { clsx } from "clsx";
import type { HTMLAttributes } from "react";

export type BadgeTone = "neutral" | "waiting" | "attention" | "progress" | "success" | "danger";

const tones: Record<BadgeTone, string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-300",
  waiting: "bg-amber-50 text-amber-900 ring-amber-300",
  attention: "bg-orange-50 text-orange-900 ring-orange-300",
  progress: "bg-sky-50 text-sky-900 ring-sky-300",
  success: "bg-brand-50 text-brand-800 ring-brand-600/40",
  danger: "bg-red-50 text-red-900 ring-red-300",
};

/** A short label in a pill; the tone says how the reader should feel about it, not which entity it is. */
export function Badge({ tone = "neutral", className, ...props }: HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone }) {
  return <span className={clsx("inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", tones[tone], className)} {...props} />;
}
