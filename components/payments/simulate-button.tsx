"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useFailureMessage } from "@/components/action/use-failure-message";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/server/action-result";

/** Sandbox only: the provider takes some test payments and notifies the webhook. */
export function SimulateButton({ action }: { action: (input: { count: number }) => Promise<ActionResult<{ delivered: number }>> }) {
  const t = useTranslations("payments");
  const router = useRouter();
  const [pending, start] = useTransition();
  const failureMessage = useFailureMessage();
  const [result, setResult] = useState<{ message: string; error: boolean } | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const answer = await action({ count: 40 });
            setResult(answer.ok ? { message: t("simulate.done", { count: answer.data.delivered }), error: false } : { message: failureMessage(answer), error: true });
            router.refresh();
          })
        }
      >
        {pending ? t("simulate.running") : t("simulate.button")}
      </Button>
      <p role="status" className={result?.error ? "text-sm text-red-700" : "text-sm text-slate-700"}>{result?.message}</p>
    </div>
  );
}
