import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { acceptInvitationAction } from "@/lib/accounts/public-actions";
import { ActionForm } from "@/components/accounts/action-form";
import { AuthCard } from "@/components/accounts/auth-card";
import { describeInvitation } from "@/lib/accounts/invitations";
import { getDb } from "@/lib/runtime/db";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts.invitation"))("submit"), referrer: "no-referrer" };
}

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("accounts");
  const roles = await getTranslations("common.roles");
  const invitation = await describeInvitation(await getDb(), token);
  if (!invitation) {
    return (
      <AuthCard title={t("invitation.submit")}>
        <p role="alert" className="text-sm text-red-800">{t("invitation.invalid")}</p>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={t("invitation.title", { place: invitation.merchantName ?? t("invitation.staffPlace") })}
      intro={t("invitation.intro", { role: roles(invitation.role), email: invitation.email })}
    >
      <ActionForm
        idPrefix="invitation"
        action={acceptInvitationAction}
        hidden={{ token }}
        submitLabel={t("invitation.submit")}
        fields={[
          { name: "name", label: t("invitation.name"), autoComplete: "name" },
          { name: "password", label: t("invitation.password"), type: "password", autoComplete: "new-password", hint: t("password.hint") },
          { name: "confirm", label: t("invitation.confirm"), type: "password", autoComplete: "new-password" },
        ]}
      />
    </AuthCard>
  );
}
