import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/accounts/action-form";
import { listPendingInvitations } from "@/lib/accounts/invitations";
import { listStaff } from "@/lib/accounts/staff";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/runtime/db";
import { deactivateStaffAction, inviteStaffAction, resetTwoFactorAction } from "./actions";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts.staff"))("title") };
}

export default async function StaffPage() {
  const user = await requirePageUser("support_admin");
  const t = await getTranslations("accounts");
  const roles = await getTranslations("common.roles");
  const db = await getDb();
  const [staff, invitations] = await Promise.all([listStaff(db), listPendingInvitations(db, null)]);
  return (
    <section aria-labelledby="page-title" className="flex max-w-4xl flex-col gap-4">
      <PageHeader title={t("staff.title")} intro={t("staff.intro")} />
      <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white px-4">
        {staff.map((s) => (
          <li key={s.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between" data-staff-email={s.email}>
            <div className="min-w-0 text-sm">
              <p className="font-medium">{s.name}{s.id === user.id ? ` (${t("team.you")})` : ""}</p>
              <p className="break-all text-slate-600">{s.email}</p>
              <p>{roles(s.role)} · {t("staff.twoFactor")}: {s.totpEnabled ? t("staff.enrolled") : t("staff.notEnrolled")}{s.active ? "" : ` · ${t("staff.deactivated")}`}</p>
            </div>
            {s.id !== user.id && s.active ? (
              <div className="flex flex-wrap gap-2">
                {s.totpEnabled ? <ActionForm inline idPrefix={`reset-${s.id}`} action={resetTwoFactorAction} hidden={{ userId: s.id }} fields={[]} variant="secondary" submitLabel={t("staff.resetTwoFactor")} confirm={t("staff.confirmReset", { name: s.name })} /> : null}
                <ActionForm inline idPrefix={`deactivate-${s.id}`} action={deactivateStaffAction} hidden={{ userId: s.id }} fields={[]} variant="danger" submitLabel={t("staff.deactivate")} confirm={t("staff.confirmDeactivate", { name: s.name })} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {invitations.length ? (
        <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm" aria-labelledby="staff-invitations">
          <h2 id="staff-invitations" className="mb-2 font-semibold">{t("team.invitations")}</h2>
          <ul>{invitations.map((i) => <li key={i.id} className="break-all">{i.email} · {i.role ? roles(i.role) : ""}</li>)}</ul>
        </section>
      ) : null}
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="invite-staff">
        <h2 id="invite-staff" className="mb-3 font-semibold">{t("staff.invite")}</h2>
        <ActionForm idPrefix="invite-staff" action={inviteStaffAction} submitLabel={t("team.sendInvite")}
          fields={[
            { name: "email", label: t("team.inviteEmail"), type: "email", autoComplete: "off" },
            { name: "role", label: t("team.inviteRole"), type: "select", defaultValue: "support", options: [{ value: "support", label: roles("support") }, { value: "support_admin", label: roles("support_admin") }] },
            { name: "locale", label: t("team.inviteLanguage"), type: "select", defaultValue: "zh-CN", options: [{ value: "zh-CN", label: "简体中文" }, { value: "en", label: "English" }] },
          ]} />
      </section>
    </section>
  );
}
