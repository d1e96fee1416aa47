"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

export type HandoffView = {
  status: string;
  transfer?: Record<string, string | number | undefined>;
  signUrl?: string;
  signQr?: string;
  legalUrl?: string;
  legalQr?: string;
  subMchid?: string;
};

/**
 * What WeChat needs from a person now, with who must do it and by when: the transfer that verifies
 * the settlement account, the super administrator's signing QR, the legal person's QR, or the
 * merchant number once the account is open.
 */
export function HandoffPanel({ view }: { view: HandoffView }) {
  const t = useTranslations("wechat.handoff");
  if (view.status === "finished" && view.subMchid) {
    return (
      <section aria-labelledby="handoff-title" className="rounded-lg border border-brand-700 bg-brand-50 p-4">
        <h2 id="handoff-title" className="text-base font-semibold text-slate-900">{t("finished.title")}</h2>
        <p className="mt-1 text-sm text-slate-800">
          {t("finished.subMchid")}: <span className="font-mono text-base" data-testid="sub-mchid">{view.subMchid}</span>
        </p>
      </section>
    );
  }
  return (
    <>
      {view.transfer ? <TransferCard transfer={view.transfer} /> : null}
      {view.signUrl && view.signQr ? <QrCard kind="sign" url={view.signUrl} qr={view.signQr} /> : null}
      {view.legalUrl && view.legalQr ? <QrCard kind="legal" url={view.legalUrl} qr={view.legalQr} /> : null}
    </>
  );
}

function TransferCard({ transfer }: { transfer: Record<string, string | number | undefined> }) {
  const t = useTranslations("wechat.handoff.transfer");
  const amount = typeof transfer.pay_amount === "number" ? (transfer.pay_amount / 100).toFixed(2) : transfer.pay_amount !== undefined ? String(transfer.pay_amount) : undefined;
  const rows: ["amount" | "from" | "toName" | "toNumber" | "toBank" | "remark", string | undefined, boolean][] = [
    ["amount", amount === undefined ? undefined : `¥${amount}`, true],
    ["from", [transfer.account_name, transfer.account_no].filter(Boolean).join(" "), false],
    ["toName", transfer.destination_account_name as string | undefined, true],
    ["toNumber", transfer.destination_account_number as string | undefined, true],
    ["toBank", [transfer.destination_account_bank, transfer.city].filter(Boolean).join(" · "), true],
    ["remark", transfer.remark as string | undefined, true],
  ];
  return (
    <section aria-labelledby="transfer-title" className="rounded-lg border border-amber-400 bg-amber-50 p-4" data-testid="handoff-transfer">
      <h2 id="transfer-title" className="text-base font-semibold text-slate-900">{t("title")}</h2>
      <p className="mt-1 text-sm text-slate-800">{t("who")}</p>
      <dl className="mt-3 grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        {rows
          .filter(([, value]) => value)
          .map(([key, value, copyable]) => (
            <div key={key} className="contents">
              <dt className="text-slate-700">{t(key)}</dt>
              <dd className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                <span data-testid={`transfer-${key}`} className="break-all">{value}</span>
                {copyable ? <CopyButton value={value!} label={t(key)} /> : null}
              </dd>
            </div>
          ))}
      </dl>
      {transfer.deadline ? <Deadline deadline={String(transfer.deadline)} /> : null}
    </section>
  );
}

/** WeChat's deadline (China time, "yyyy-MM-dd HH:mm:ss") and the time left, ticking. */
function Deadline({ deadline }: { deadline: string }) {
  const t = useTranslations("wechat.handoff.transfer");
  const at = Date.parse(deadline.includes("T") ? deadline : `${deadline.replace(" ", "T")}+08:00`);
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = now === null || Number.isNaN(at) ? null : Math.max(0, at - now);
  const days = left === null ? 0 : Math.floor(left / 86_400_000);
  const hours = left === null ? 0 : Math.floor((left % 86_400_000) / 3_600_000);
  const minutes = left === null ? 0 : Math.floor((left % 3_600_000) / 60_000);
  return (
    <p className="mt-3 text-sm text-slate-800">
      {t("deadline")}: <span className="font-medium">{deadline}</span>
      {left !== null ? <span className="ml-2" data-testid="transfer-countdown">{left === 0 ? t("expired") : t("left", { days, hours, minutes })}</span> : null}
    </p>
  );
}

function QrCard({ kind, url, qr }: { kind: "sign" | "legal"; url: string; qr: string }) {
  const t = useTranslations(`wechat.handoff.${kind}`);
  return (
    <section aria-labelledby={`${kind}-title`} className="rounded-lg border border-amber-400 bg-amber-50 p-4" data-testid={`handoff-${kind}`}>
      <h2 id={`${kind}-title`} className="text-base font-semibold text-slate-900">{t("title")}</h2>
      <p className="mt-1 text-sm text-slate-800">{t("who")}</p>
      <div className="mt-3 flex flex-col items-start gap-3 sm:flex-row">
        {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL generated on the server */}
        <img src={qr} alt={t("qrAlt")} width={200} height={200} className="rounded border border-slate-300 bg-white p-2" data-testid={`${kind}-qr`} />
        <p className="break-all text-sm text-slate-700">
          {t("link")}: <a href={url} className="text-brand-700 underline" target="_blank" rel="noreferrer noopener">{url}</a>
        </p>
      </div>
    </section>
  );
}

function CopyButton({ value, label }: { value: string; label: string }) {
  const t = useTranslations("wechat.handoff");
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-800 hover:bg-slate-50"
      aria-label={t("copyLabel", { label })}
      onClick={async () => {
        await navigator.clipboard?.writeText(value.replace(/^¥/, ""));
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      }}
    >
      {copied ? t("copied") : t("copy")}
    </button>
  );
}
