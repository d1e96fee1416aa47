"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { QueryProvider } from "@/components/providers";
import { Button } from "@/components/ui/button";
import { WithdrawalStatusBadge } from "@/components/ui/status-badge";
import type { WithdrawalStatus } from "@/db/schema";
import type { ActionResult } from "@/lib/server/action-result";

type Live = { id: string; status: WithdrawalStatus; scanStatus: number | null; reason: string | null; problem: string | null };
const following: readonly WithdrawalStatus[] = ["submitting", "awaiting_scan", "created"];

/**
 * The withdrawal being made: WeChat's QR code to scan while it waits for the merchant, its scan
 * status and then its status, asked of the console every two seconds (which asks WeChat) until
 * final; the rest of the page refreshes when it changes. In the sandbox, buttons stand for the phone.
 */
export function WithdrawalProgress(props: ProgressProps) {
  return (
    <QueryProvider>
      <Progress {...props} />
    </QueryProvider>
  );
}

type ProgressProps = { id: string; initial: Live; hasQr: boolean; sandboxScan?: (input: { id: string; outcome: "scanned" | "confirmed" | "cancelled" }) => Promise<ActionResult<{ done: boolean }>> };

function Progress({ id, initial, hasQr, sandboxScan }: ProgressProps) {
  const t = useTranslations("funds");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const { data } = useQuery({
    queryKey: ["withdrawal", id],
    initialData: initial,
    queryFn: async (): Promise<Live> => {
      const response = await fetch(`/api/withdrawals/${id}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    },
    refetchInterval: (query) => (following.includes(query.state.data?.status ?? "created") ? 2000 : false),
  });
  const last = useRef(initial.status);
  useEffect(() => {
    if (data.status !== last.current) {
      last.current = data.status;
      router.refresh();
    }
  }, [data.status, router]);

  const scan = async (outcome: "scanned" | "confirmed" | "cancelled") => {
    if (!sandboxScan) return;
    setBusy(true);
    try {
      await sandboxScan({ id, outcome });
    } finally {
      setBusy(false);
    }
  };
  const waiting = data.status === "awaiting_scan";
  return (
    <section aria-labelledby="progress-title" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="withdrawal-progress">
      <h2 id="progress-title" className="text-lg font-semibold">{t("scan.title")}</h2>
      <p className="mt-1 flex flex-wrap items-center gap-2 text-sm" aria-live="polite">
        <WithdrawalStatusBadge status={data.status} />
        <span data-testid="scan-status">{waiting ? t(data.scanStatus === 4 ? "scan.scanned" : "scan.waiting") : t(`scan.after.${data.status}` as never)}</span>
      </p>
      {data.problem ? <p className="mt-1 text-sm text-amber-800">{t(data.problem.replace(/^funds\./, "") as never)}</p> : null}
      {waiting && hasQr ? (
        <div className="mt-3 flex flex-wrap items-start gap-4">
          {/* eslint-disable-next-line @next/next/no-img-element -- WeChat's QR image, served per request */}
          <img src={`/api/withdrawals/${id}/qrcode`} alt={t("scan.qrAlt")} width={200} height={200} className="rounded border border-slate-200" data-testid="withdrawal-qrcode" />
          <p className="max-w-sm text-sm text-slate-700">{t("scan.hint")}</p>
        </div>
      ) : null}
      {waiting && sandboxScan && hasQr ? (
        <div className="mt-3 flex flex-wrap gap-2 rounded-md border border-dashed border-slate-300 p-3" aria-label={t("scan.sandboxTitle")} role="group">
          <span className="w-full text-xs text-slate-600">{t("scan.sandboxTitle")}</span>
          <Button variant="secondary" disabled={busy} onClick={() => scan("scanned")}>{t("scan.sandboxScanned")}</Button>
          <Button disabled={busy} onClick={() => scan("confirmed")}>{t("scan.sandboxConfirm")}</Button>
          <Button variant="secondary" disabled={busy} onClick={() => scan("cancelled")}>{t("scan.sandboxCancel")}</Button>
        </div>
      ) : null}
    </section>
  );
}
