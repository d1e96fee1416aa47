"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

export default function ConsoleError({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("common.error");
  return (
    <section className="max-w-xl" role="alert">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-3 text-slate-700">{t("body")}</p>
      <Button className="mt-6" onClick={reset}>
        {t("retry")}
      </Button>
    </section>
  );
}
