"use server";

import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
import type { Db } from "@/db/client";
import { invite, resendInvitation, revokeInvitation } from "@/lib/accounts/invitations";
import { createMerchant, getMerchantDetail, setMerchantActive, setMerchantAppSecret, updateMerchantProfile } from "@/lib/accounts/merchants";
import { getConfig } from "@/lib/config";
import { dataKeyRing } from "@/lib/crypto/keys";
import { AppError } from "@/lib/errors";
import { formFields, supportAction, type FormAnswer } from "@/lib/server/action";

// Merchants as platform staff manage them: support_admin creates, edits and deactivates; any
// staff member invites a merchant's owners.
const admins = { roles: ["support_admin"] } as const;

/** The merchant a form names, which must exist. */
async function merchantOf(db: Db, input: Record<string, unknown>): Promise<string> {
  const merchantId = String(input.merchantId ?? "");
  if (!(await getMerchantDetail(db, merchantId))) throw new AppError("not_found", "No such merchant.");
  return merchantId;
}

function done(answer: FormAnswer): FormAnswer {
  revalidatePath("/support/merchants");
  return answer;
}

const profileOf = (input: Record<string, unknown>) => ({
  name: String(input.name ?? ""),
  subjectName: String(input.subjectName ?? ""),
  nickname: String(input.nickname ?? ""),
  appid: String(input.appid ?? ""),
  licenseNumber: String(input.licenseNumber ?? ""),
});

export const createMerchantAction = supportAction(formFields, async function createMerchantAction(input, { actor, db }) {
  const { id } = await createMerchant(db, dataKeyRing(), actor.id, { ...profileOf(input), appSecret: String(input.appSecret ?? "") });
  return done({ message: (await getTranslations("accounts.merchants"))("created"), redirect: `/support/merchants/${id}?created=1` });
}, admins);

export const updateMerchantAction = supportAction(formFields, async function updateMerchantAction(input, { actor, db }) {
  await updateMerchantProfile(db, actor.id, await merchantOf(db, input), profileOf(input));
  return done({ message: (await getTranslations("accounts.merchants"))("saved") });
}, admins);

export const setAppSecretAction = supportAction(formFields, async function setAppSecretAction(input, { actor, db }) {
  await setMerchantAppSecret(db, dataKeyRing(), actor.id, await merchantOf(db, input), String(input.appSecret ?? ""));
  return done({ message: (await getTranslations("accounts.merchants"))("secretReplaced") });
}, admins);

export const setMerchantActiveAction = supportAction(formFields, async function setMerchantActiveAction(input, { actor, db }) {
  await setMerchantActive(db, actor.id, await merchantOf(db, input), input.active === "true");
  return done({ message: (await getTranslations("accounts.merchants"))("saved") });
}, admins);

export const inviteOwnerAction = supportAction(formFields, async function inviteOwnerAction(input, { actor, db }) {
  await invite(db, actor, await merchantOf(db, input), { email: String(input.email ?? ""), role: "owner", locale: input.locale === "en" ? "en" : "zh-CN" }, getConfig().authUrl);
  return done({ message: (await getTranslations("accounts.team"))("invited", { email: String(input.email ?? "").trim() }) });
});

export const resendOwnerInvitationAction = supportAction(formFields, async function resendOwnerInvitationAction(input, { actor, db }) {
  await resendInvitation(db, actor, await merchantOf(db, input), String(input.id ?? ""), getConfig().authUrl, await getLocale());
  return done({ message: (await getTranslations("accounts.team"))("resent") });
});

export const revokeOwnerInvitationAction = supportAction(formFields, async function revokeOwnerInvitationAction(input, { actor, db }) {
  await revokeInvitation(db, actor.id, await merchantOf(db, input), String(input.id ?? ""));
  return done({ message: (await getTranslations("accounts.team"))("revoked") });
});
