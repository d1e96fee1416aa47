import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MembersPanel } from "@/components/accounts/members-panel";
import { listPendingInvitations } from "@/lib/accounts/invitations";
import { listMembers } from "@/lib/accounts/members";
import { requireMerchantPage } from "@/lib/auth/guard";
import { canManageTeam } from "@/lib/auth/roles";
import { getDb } from "@/lib/runtime/db";
import { changeRoleAction, inviteMemberAction, removeMemberAction, resendMemberInvitationAction, revokeMemberInvitationAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts.team"))("title") };
}

export default async function TeamPage() {
  const actor = await requireMerchantPage();
  const t = await getTranslations("accounts.team");
  const db = await getDb();
  const [members, invitations] = await Promise.all([listMembers(db, actor.merchantId), listPendingInvitations(db, actor.merchantId)]);
  const owner = canManageTeam(actor.role);
  return (
    <section aria-labelledby="page-title" className="flex max-w-4xl flex-col gap-4">
      <div>
        <h1 id="page-title" className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-slate-700">{t("intro", { merchant: actor.merchantName })}</p>
        <p className="mt-1 text-sm text-slate-600">{t("roles")}</p>
      </div>
      <MembersPanel
        merchantName={actor.merchantName}
        members={members}
        invitations={invitations}
        selfId={actor.id}
        inviteRoles={["owner", "admin", "viewer"]}
        actions={owner ? { invite: inviteMemberAction, resend: resendMemberInvitationAction, revoke: revokeMemberInvitationAction, changeRole: changeRoleAction, remove: removeMemberAction } : {}}
      />
    </section>
  );
}
