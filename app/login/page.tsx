import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/accounts/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { currentUser } from "@/lib/auth/guard";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { homePathFor } from "@/lib/auth/navigation";
import { getConfig } from "@/lib/config";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common.login");
  return { title: t("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await currentUser();
  if (user) redirect(homePathFor(user.role));
  const t = await getTranslations("common");
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl, getConfig().authUrl);
  return (
    <AuthCard title={t("login.title")} intro={t("login.subtitle")}>
      <LoginForm callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
