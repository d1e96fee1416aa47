"use server";

import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import { invite, resendInvitation, revokeInvitation } from "@/lib/accounts/invitations";
import { changeMemberRole, removeMember } from "@/lib/accounts/members";
import { getConfig } from "@/lib/config";
import { formFields, merchantAction, type FormAnswer } from "@/lib/server/action";

// The merchant's own team: every action is the owner's, on the owner's merchant only.
const owners = { roles: ["owner"] } as const;

async function done(key: "invited" | "resent" | "revoked" | "roleChanged" | "removed", values?: { email: string }): Promise<FormAnswer> {
  revalidatePath("/team");
  return { message: (await getTranslations("accounts.team"))(key, values as never) };
}

export const inviteMemberAction = merchantAction(formFields, async function inviteMemberAction(input, { actor, db }) {
  await invite(db, actor, actor.merchantId, { email: String(input.email ?? ""), role: String(input.role ?? "") as "viewer", locale: input.locale === "en" ? "en" : "zh-CN" }, getConfig().authUrl);
  return done("invited", { email: String(input.email ?? "").trim() });
}, owners);

export const resendMemberInvitationAction = merchantAction(formFields, async function resendMemberInvitationAction(input, { actor, db }) {
  await resendInvitation(db, actor, actor.merchantId, String(input.id ?? ""), getConfig().authUrl, await getLocale());
  return done("resent");
}, owners);

export const revokeMemberInvitationAction = merchantAction(formFields, async function revokeMemberInvitationAction(input, { actor, db }) {
  await revokeInvitation(db, actor.id, actor.merchantId, String(input.id ?? ""));
  return done("revoked");
}, owners);

export const changeRoleAction = merchantAction(formFields, async function changeRoleAction(input, { actor, db }) {
  await changeMemberRole(db, actor.id, actor.merchantId, { userId: String(input.userId ?? ""), role: String(input.role ?? "") });
  return done("roleChanged");
}, owners);

export const removeMemberAction = merchantAction(formFields, async function removeMemberAction(input, { actor, db }) {
  await removeMember(db, actor.id, actor.merchantId, String(input.userId ?? ""));
  return done("removed");
}, owners);
