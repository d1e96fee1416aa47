"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Dialog } from "radix-ui";
import { useState, useTransition } from "react";
import { useFailureMessage } from "@/components/action/use-failure-message";
import { QueryProvider } from "@/components/providers";
import { Button } from "@/components/ui/button";
import type { PaymentStatus } from "@/db/schema";
import { formatDateTime, formatMoney } from "@/lib/money/format";
import type { ActionResult } from "@/lib/server/action-result";
import { PaymentStatusBadge } from "@/components/ui/status-badge";

type Detail = {
  payment: { id: string; orderId: string; merchantOrderId: string; amountMinor: number; currency: string; status: PaymentStatus; description: string | null; createdAt: string; paidAt: string | null; queriedAt: string | null; updatedAt: string };
  events: { id: string; source: string; fromStatus: PaymentStatus | null; toStatus: PaymentStatus; note: string | null; createdAt: string }[];
};

async function fetchDetail(id: string): Promise<Detail> {
  const response = await fetch(`/api/payments/${id}`);
  if (!response.ok) throw Object.assign(new Error("detail"), { status: response.status });
  return response.json();
}

/** The payment named by `?payment=` in a side drawer: every field, the timeline, and Refresh. */
export type DrawerProps = { refreshAction: (input: { id: string }) => Promise<ActionResult<{ changed: boolean }>> };

/** React Query is used by this drawer only, so its provider (and code) lives here, not in every page. */
export function PaymentDrawerPanel(props: DrawerProps) {
  return (
    <QueryProvider>
      <DrawerContent {...props} />
    </QueryProvider>
  );
}

function DrawerContent({ refreshAction }: DrawerProps) {
  const t = useTranslations("payments");
  const failureMessage = useFailureMessage();
  const locale = useLocale();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const id = params.get("payment");
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [refreshing, startRefresh] = useTransition();
  const detail = useQuery({ queryKey: ["payment", id], queryFn: () => fetchDetail(id!), enabled: !!id, staleTime: 0 });

  const close = () => {
    const next = new URLSearchParams(params);
    next.delete("payment");
    setNotice(null);
    router.push(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };
  const refresh = () =>
    startRefresh(async () => {
      const result = await refreshAction({ id: id! });
      setNotice(result.ok ? { text: t(result.data.changed ? "drawer.refreshedChanged" : "drawer.refreshedSame"), error: false } : { text: failureMessage(result), error: true });
      await queryClient.invalidateQueries({ queryKey: ["payment", id] });
      router.refresh();
    });

  const p = detail.data?.payment;
  const fields: [string, React.ReactNode][] = p
    ? [
        ["order_id", <span key="o" className="break-all font-mono">{p.orderId}</span>],
        ["merchant_order_id", <span key="m" className="break-all font-mono">{p.merchantOrderId}</span>],
        ["amount", formatMoney(p.amountMinor, p.currency, locale)],
        ["currency", p.currency],
        ["status", <PaymentStatusBadge key="s" status={p.status} />],
        ["description", p.description ?? "—"],
        ["create_time", formatDateTime(p.createdAt, locale)],
        ["pay_time", formatDateTime(p.paidAt, locale)],
        ["queried_at", formatDateTime(p.queriedAt, locale)],
      ]
    : [];

  return (
    <Dialog.Root open={!!id} onOpenChange={(open) => (open ? undefined : close())}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/30" />
        <Dialog.Content className="fixed inset-y-0 right-0 z-50 flex w-full max-w-md flex-col overflow-y-auto bg-white p-5 shadow-xl focus:outline-none" aria-describedby={undefined}>
          <div className="flex items-start justify-between gap-3">
            <Dialog.Title className="text-lg font-semibold">{t("drawer.title")}</Dialog.Title>
            <Dialog.Close asChild>
              <Button variant="ghost" className="min-h-8 px-2 py-1">{t("drawer.close")}</Button>
            </Dialog.Close>
          </div>
          {detail.isPending ? <p className="mt-4 text-slate-600">{t("drawer.loading")}</p> : null}
          {detail.isError ? <p role="alert" className="mt-4 text-red-700">{t("drawer.notFound")}</p> : null}
          {p ? (
            <>
              <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                {fields.map(([key, value]) => (
                  <div key={key} className="contents">
                    <dt className="text-slate-600">{t(`fields.${key}` as never)}</dt>
                    <dd className="min-w-0 break-words">{value}</dd>
                  </div>
                ))}
              </dl>
              <div className="mt-4 flex flex-wrap items-center gap-3">
                <Button variant="secondary" onClick={refresh} disabled={refreshing}>{refreshing ? t("drawer.refreshing") : t("drawer.refresh")}</Button>
                <p role="status" className={notice?.error ? "text-sm text-red-700" : "text-sm text-slate-700"}>{notice?.text}</p>
              </div>
              <h3 className="mt-6 text-sm font-semibold">{t("drawer.timeline")}</h3>
              <ol className="mt-2 space-y-3 border-l border-slate-200 pl-4 text-sm" data-testid="payment-timeline">
                {detail.data!.events.map((e) => (
                  <li key={e.id}>
                    <p className="font-medium">
                      {e.fromStatus && e.fromStatus !== e.toStatus ? `${t(`status.${e.fromStatus}`)} → ` : ""}
                      {t(`status.${e.toStatus}`)}
                      {e.note?.startsWith("stale_report:") ? ` · ${t("drawer.staleIgnored", { status: t(`status.${e.note.slice(13) as PaymentStatus}`) })}` : ""}
                    </p>
                    <p className="text-slate-600">{t(`source.${e.source}` as never)} · {formatDateTime(e.createdAt, locale)}</p>
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
