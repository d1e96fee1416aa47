import { clsx } from "clsx";
import { useTranslations } from "next-intl";
import type { ApplicationStatus } from "@/db/schema";

const tone: Record<ApplicationStatus, string> = {
  draft: "bg-slate-100 text-slate-800 ring-slate-300",
  pending_review: "bg-amber-50 text-amber-900 ring-amber-300",
  changes_requested: "bg-orange-50 text-orange-900 ring-orange-300",
  approved: "bg-sky-50 text-sky-900 ring-sky-300",
  submitting: "bg-sky-50 text-sky-900 ring-sky-300",
  submitted: "bg-sky-50 text-sky-900 ring-sky-300",
  finished: "bg-brand-50 text-brand-800 ring-brand-600/40",
  rejected: "bg-red-50 text-red-900 ring-red-300",
};

export function StatusBadge({ status }: { status: ApplicationStatus }) {
  const t = useTranslations("review.status");
  return <span className={clsx("inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", tone[status])} data-status={status}>{t(status)}</span>;
}
