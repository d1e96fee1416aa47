import { clsx } from "clsx";
import { useTranslations } from "next-intl";
import type { WithdrawalStatus } from "@/db/schema";

const tone: Record<WithdrawalStatus, string> = {
  created: "bg-amber-50 text-amber-800 ring-amber-200",
  succeeded: "bg-brand-50 text-brand-800 ring-brand-100",
  failed: "bg-red-50 text-red-800 ring-red-200",
  closed: "bg-slate-100 text-slate-700 ring-slate-200",
  returned: "bg-orange-50 text-orange-800 ring-orange-200",
};

export function WithdrawalStatusBadge({ status }: { status: WithdrawalStatus }) {
  const t = useTranslations("funds");
  return <span className={clsx("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", tone[status])}>{t(`withdrawalStatus.${status}`)}</span>;
}
