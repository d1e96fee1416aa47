import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/shell/language-switch";

/** The frame of the signed-out pages: sign-in, forgotten password, set password, invitation. */
export async function AuthCard({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  const t = await getTranslations("common");
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between gap-4 px-4 py-3">
        <span className="font-semibold text-brand-800">{t("app.shortName")}</span>
        <LanguageSwitch />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-10 sm:pt-20">
        <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-xl font-semibold">{title}</h1>
          {intro ? <p className="mb-5 mt-1 text-sm text-slate-600">{intro}</p> : <div className="mb-5" />}
          {children}
        </div>
      </main>
    </div>
  );
}
