import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/accounts/action-form";
import { MailSettingsForm } from "@/components/accounts/mail-settings-form";
import { getMailSettings } from "@/lib/accounts/mail-settings";
import { requireSignedInPage } from "@/lib/auth/guard";
import { getDb } from "@/lib/runtime/db";
import { changePasswordAction, mailSettingsAction } from "./actions";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts.account"))("title") };
}

export default async function AccountPage() {
  const user = await requireSignedInPage();
  const t = await getTranslations("accounts");
  const roles = await getTranslations("common.roles");
  const format = await getFormatter();
  const mailSettings = await getMailSettings(await getDb(), user.id);
  const section = "flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4";
  return (
    <section aria-labelledby="page-title" className="flex max-w-2xl flex-col gap-4">
      <PageHeader title={t("account.title")} intro={t("account.intro")} />
      <section className={section} aria-labelledby="profile-title">
        <h2 id="profile-title" className="font-semibold">{t("account.profile")}</h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600">{t("account.name")}</dt><dd>{user.name}</dd>
          <dt className="text-slate-600">{t("account.email")}</dt><dd className="break-all">{user.email}</dd>
          <dt className="text-slate-600">{t("account.role")}</dt><dd>{roles(user.role)}{user.merchantName ? ` · ${user.merchantName}` : ""}</dd>
        </dl>
      </section>
      <section className={section} aria-labelledby="two-factor-title">
        <h2 id="two-factor-title" className="font-semibold">{t("account.twoFactor")}</h2>
        <p className="text-sm">{user.totpEnabledAt ? t("account.twoFactorOn", { date: format.dateTime(user.totpEnabledAt, { dateStyle: "medium" }) }) : t("account.twoFactorOff")}</p>
        <Link href="/account/two-factor" className="self-start text-sm font-medium text-brand-800 underline">{user.totpEnabledAt ? t("twoFactor.title") : t("account.twoFactorSetUp")}</Link>
      </section>
      <section className={section} aria-labelledby="password-title">
        <h2 id="password-title" className="font-semibold">{t("account.changePassword")}</h2>
        <ActionForm
          idPrefix="change-password"
          action={changePasswordAction}
          submitLabel={t("account.savePassword")}
          fields={[
            { name: "current", label: t("account.current"), type: "password", autoComplete: "current-password" },
            { name: "password", label: t("account.newPassword"), type: "password", autoComplete: "new-password", hint: t("password.hint") },
            { name: "confirm", label: t("account.confirm"), type: "password", autoComplete: "new-password" },
          ]}
        />
      </section>
      <section className={section} aria-labelledby="mail-title">
        <h2 id="mail-title" className="font-semibold">{t("account.mail")}</h2>
        <MailSettingsForm settings={mailSettings} action={mailSettingsAction} />
      </section>
    </section>
  );
}
