import { getFormatter, getTranslations } from "next-intl/server";
import type { PendingInvitation } from "@/lib/accounts/invitations";
import type { Member } from "@/lib/accounts/members";
import type { UserRole } from "@/db/schema";
import { ActionForm, type FormAction as Action } from "./action-form";

/**
 * A merchant's people and open invitations. Controls appear only for those who may use them
 * (the actions check again); `hidden` carries the merchant id when support acts on a merchant.
 */
export async function MembersPanel({
  merchantName,
  members,
  invitations,
  selfId,
  inviteRoles,
  hidden,
  actions,
}: {
  merchantName: string;
  members: Member[];
  invitations: PendingInvitation[];
  selfId: string;
  inviteRoles: UserRole[];
  hidden?: Record<string, string>;
  actions: { invite?: Action; resend?: Action; revoke?: Action; changeRole?: Action; remove?: Action };
}) {
  const t = await getTranslations("accounts.team");
  const roles = await getTranslations("common.roles");
  const format = await getFormatter();
  const roleOptions = (list: UserRole[]) => list.map((r) => ({ value: r, label: roles(r) }));
  return (
    <div className="flex flex-col gap-4">
      <section aria-labelledby="members-title" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="members-title" className="mb-3 font-semibold">{t("members")}</h2>
        <ul className="flex flex-col divide-y divide-slate-200">
          {members.map((m) => (
            <li key={m.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-end sm:justify-between" data-member-email={m.email}>
              <div className="min-w-0">
                <p className="font-medium">{m.name}{m.id === selfId ? ` (${t("you")})` : ""}</p>
                <p className="break-all text-sm text-slate-600">{m.email}</p>
                <p className="text-sm">{roles(m.role)} · {t("twoFactor")}: {m.totpEnabled ? t("on") : t("off")}</p>
              </div>
              {actions.changeRole && actions.remove ? (
                <div className="flex flex-wrap items-end gap-2">
                  <ActionForm inline idPrefix={`role-${m.id}`} action={actions.changeRole} hidden={{ ...hidden, userId: m.id }} submitLabel={t("saveRole")} variant="secondary"
                    fields={[{ name: "role", label: t("changeRole", { name: m.name }), type: "select", defaultValue: m.role, options: roleOptions(["owner", "admin", "viewer"]) }]} />
                  <ActionForm inline idPrefix={`remove-${m.id}`} action={actions.remove} hidden={{ ...hidden, userId: m.id }} submitLabel={t("remove")} variant="danger" fields={[]}
                    confirm={t("confirmRemove", { name: m.name, merchant: merchantName })} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="invitations-title" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="invitations-title" className="mb-3 font-semibold">{t("invitations")}</h2>
        {invitations.length === 0 ? <p className="text-sm text-slate-600">{t("noInvitations")}</p> : (
          <ul className="flex flex-col divide-y divide-slate-200">
            {invitations.map((i) => (
              <li key={i.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between" data-invitation-email={i.email}>
                <div className="min-w-0 text-sm">
                  <p className="break-all font-medium">{i.email}</p>
                  <p className="text-slate-600">{i.role ? roles(i.role) : ""} · {t("expires")} {format.dateTime(i.expiresAt, { dateStyle: "medium", timeStyle: "short" })}{i.invitedBy ? ` · ${t("invitedBy")} ${i.invitedBy}` : ""}</p>
                </div>
                {actions.resend && actions.revoke ? (
                  <div className="flex gap-2">
                    <ActionForm inline idPrefix={`resend-${i.id}`} action={actions.resend} hidden={{ ...hidden, id: i.id }} submitLabel={t("resend")} variant="secondary" fields={[]} />
                    <ActionForm inline idPrefix={`revoke-${i.id}`} action={actions.revoke} hidden={{ ...hidden, id: i.id }} submitLabel={t("revoke")} variant="secondary" fields={[]} />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {actions.invite ? (
        <section aria-labelledby="invite-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="invite-title" className="mb-3 font-semibold">{t("invite")}</h2>
          <ActionForm idPrefix="invite" action={actions.invite} hidden={hidden} submitLabel={t("sendInvite")}
            fields={[
              { name: "email", label: t("inviteEmail"), type: "email", autoComplete: "off" },
              { name: "role", label: t("inviteRole"), type: "select", defaultValue: inviteRoles.at(-1), options: roleOptions(inviteRoles) },
              { name: "locale", label: t("inviteLanguage"), type: "select", defaultValue: "zh-CN", options: [{ value: "zh-CN", label: "简体中文" }, { value: "en", label: "English" }] },
            ]} />
        </section>
      ) : (
        <p className="text-sm text-slate-700">{t("readOnly")}</p>
      )}
    </div>
  );
}
