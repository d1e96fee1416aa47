"use server";

import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { passwordPairSchema } from "@/lib/accounts/password-policy";
import { saveMailSettings } from "@/lib/accounts/mail-settings";
import { mailSettingsSchema } from "@/lib/accounts/mail-settings-schema";
import { changePassword } from "@/lib/accounts/passwords";
import { confirmEnrolment } from "@/lib/accounts/two-factor";
import { signOutCurrentUser } from "@/lib/auth/sign-out";
import { dataKeyRing } from "@/lib/crypto/keys";
import { redirect } from "next/navigation";
import { accountAction, formFields, publicAction, type FormAnswer } from "@/lib/server/action";

// A person's own account: any signed-in user, staff before two-factor enrolment included.

export const changePasswordAction = accountAction(formFields, async function changePasswordAction(input, { actor, db }): Promise<FormAnswer> {
  const pair = passwordPairSchema.parse({ password: input.password, confirm: input.confirm });
  await changePassword(db, actor.id, z.string().max(200).parse(input.current ?? ""), pair.password);
  return { message: (await getTranslations("accounts"))("account.passwordChanged"), redirect: "/login" };
});

export const mailSettingsAction = accountAction(mailSettingsSchema, async function mailSettingsAction(settings, { actor, db }) {
  return saveMailSettings(db, actor.id, settings);
});

export const confirmTwoFactorAction = accountAction(z.object({ code: z.string().trim().regex(/^\d{6}$/, "login.codeInvalid") }), async function confirmTwoFactorAction({ code }, { actor, db }): Promise<FormAnswer & { recoveryCodes: string[] }> {
  return { recoveryCodes: await confirmEnrolment(db, dataKeyRing(), actor.id, code) };
});

// A plain form post (no next-auth client on the page), open to a visitor whose session already
// ended elsewhere so the button always leaves; a live session must send its form's token.
const signOutForm = z.preprocess((raw) => (raw instanceof FormData ? Object.fromEntries(raw) : raw), z.object({ token: z.string().max(100).optional() }).catch({}));

export const signOutAction = publicAction(signOutForm, async function signOutAction({ token }): Promise<never> {
  await signOutCurrentUser(token);
  redirect("/login");
});
