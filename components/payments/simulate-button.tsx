"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";

/** Sandbox only: the provider takes some test payments and notifies the webhook. */
export function SimulateButton({ action }: { action: (count: number) => Promise<{ message: string | null; error: string | null }> }) {
  const t = useTranslations("payments");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ message: string | null; error: string | null } | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            setResult(await action(40));
            router.refresh();
          })
        }
      >
        {pending ? t("simulate.running") : t("simulate.button")}
      </Button>
      <p role="status" className={result?.error ? "text-sm text-red-700" : "text-sm text-slate-700"}>{result?.error ?? result?.message}</p>
    </div>
  );
}
