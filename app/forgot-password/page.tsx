import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { requestResetAction } from "@/lib/accounts/public-actions";
import { ActionForm } from "@/components/accounts/action-form";
import { AuthCard } from "@/components/accounts/auth-card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts.forgot"))("title") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("accounts.forgot");
  return (
    <AuthCard title={t("title")} intro={t("intro")}>
      <ActionForm idPrefix="forgot" action={requestResetAction} submitLabel={t("submit")} fields={[{ name: "email", label: t("email"), type: "email", autoComplete: "username" }]} stayOnSuccess />
      <p className="mt-4 text-sm"><Link href="/login" className="text-brand-800 underline">{t("back")}</Link></p>
    </AuthCard>
  );
}
