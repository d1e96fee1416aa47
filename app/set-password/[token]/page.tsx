import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import { setPasswordAction } from "@/lib/accounts/public-actions";
import { ActionForm } from "@/components/accounts/action-form";
import { AuthCard } from "@/components/accounts/auth-card";
import { findUsableLink } from "@/lib/accounts/links";
import { getDb } from "@/lib/runtime/db";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts.setPassword"))("titleReset"), referrer: "no-referrer" };
}

/** A password reset or a new account's first password, by one-time link. */
export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("accounts");
  const link = await findUsableLink(await getDb(), token, ["password_reset", "set_password"]);
  if (!link) {
    return (
      <AuthCard title={t("setPassword.titleReset")}>
        <p role="alert" className="text-sm text-red-800">{t("setPassword.invalid")}</p>
        <p className="mt-4 text-sm"><Link href="/forgot-password" className="text-brand-800 underline">{t("setPassword.requestNew")}</Link></p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={link.kind === "set_password" ? t("setPassword.titleFirst") : t("setPassword.titleReset")} intro={t("setPassword.intro", { email: link.email })}>
      <ActionForm
        idPrefix="set-password"
        action={setPasswordAction}
        hidden={{ token }}
        submitLabel={t("setPassword.submit")}
        fields={[
          { name: "password", label: t("setPassword.password"), type: "password", autoComplete: "new-password", hint: t("password.hint") },
          { name: "confirm", label: t("setPassword.confirm"), type: "password", autoComplete: "new-password" },
        ]}
      />
    </AuthCard>
  );
}
