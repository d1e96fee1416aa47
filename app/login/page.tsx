import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/login-form";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { currentUser } from "@/lib/auth/guard";
import { homePathFor } from "@/lib/auth/navigation";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common.login");
  return { title: t("title") };
}

/** Only same-site paths are followed after sign-in. */
function safeCallback(value: string | string[] | undefined): string {
  const path = Array.isArray(value) ? value[0] : value;
  return path && path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/login") ? path : "/";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await currentUser();
  if (user) redirect(homePathFor(user.role));
  const t = await getTranslations("common");
  const callbackUrl = safeCallback((await searchParams).callbackUrl);
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between gap-4 px-4 py-3">
        <span className="font-semibold text-brand-800">{t("app.shortName")}</span>
        <LanguageSwitch />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-10 sm:pt-20">
        <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-xl font-semibold">{t("login.title")}</h1>
          <p className="mb-5 mt-1 text-sm text-slate-600">{t("login.subtitle")}</p>
          <LoginForm callbackUrl={callbackUrl} />
        </div>
      </main>
    </div>
  );
}
