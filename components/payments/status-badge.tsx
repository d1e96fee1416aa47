import { clsx } from "clsx";
import { useTranslations } from "next-intl";
import type { PaymentStatus } from "@/db/schema";

const tone: Record<PaymentStatus, string> = {
  PENDING: "bg-amber-50 text-amber-800 ring-amber-200",
  SUCCEEDED: "bg-brand-50 text-brand-800 ring-brand-100",
  CANCELLED: "bg-slate-100 text-slate-700 ring-slate-200",
};

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  const t = useTranslations("payments");
  return <span className={clsx("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", tone[status])}>{t(`status.${status}`)}</span>;
}
