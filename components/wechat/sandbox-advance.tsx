"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";

/** Development only (sandbox mode): WeChat's sandbox takes this application's next step now. */
export function SandboxAdvanceButton({ applicationId }: { applicationId: string }) {
  const t = useTranslations("wechat.sandbox");
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <div className="flex flex-wrap items-center gap-2 rounded border border-dashed border-slate-400 p-2 text-sm">
      <span className="text-slate-700">{t("devOnly")}</span>
      <button
        type="button"
        disabled={pending}
        className="rounded border border-slate-400 bg-white px-3 py-1 font-medium text-slate-900 hover:bg-slate-50 disabled:opacity-60"
        onClick={async () => {
          setPending(true);
          setFailed(false);
          const response = await fetch(`/api/support/applications/${applicationId}/sandbox-advance`, { method: "POST" }).catch(() => null);
          setPending(false);
          if (!response?.ok) setFailed(true);
          router.refresh();
        }}
      >
        {t("advance")}
      </button>
      {failed ? <span role="alert" className="text-red-800">{t("advanceFailed")}</span> : null}
    </div>
  );
}
