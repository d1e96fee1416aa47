"use server";

import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { acceptInvitation } from "@/lib/accounts/invitations";
import { passwordPairSchema } from "@/lib/accounts/password-policy";
import { requestPasswordReset, setPasswordWithLink } from "@/lib/accounts/passwords";
import { emailSchema } from "@/lib/accounts/staff";
import { getConfig } from "@/lib/config";
import { AppError, isAppError, type Reason } from "@/lib/errors";
import { isLocale } from "@/lib/i18n/config";
import { clientAddress } from "@/lib/security/client-address";
import { formFields, publicAction, type FormAnswer } from "@/lib/server/action";

// The public account actions: no session is needed, the token or the mailbox is the proof.

/** Always the same answer, whether the email has an account or not (and when over the limit). */
export const requestResetAction = publicAction(formFields, async function requestResetAction(input, { db }): Promise<FormAnswer> {
  const parsed = emailSchema.safeParse(input.email);
  if (!parsed.success) throw new AppError("validation_failed", "Enter a valid email address.", { email: "team.emailInvalid" });
  const email = parsed.data;
  const config = getConfig();
  await requestPasswordReset(db, { email, address: clientAddress(await headers(), config.trustedProxies) }, { baseUrl: config.authUrl, secret: config.authSecret });
  return { message: (await getTranslations("accounts"))("forgot.sent") };
});

const tokenSchema = z.string().max(200);

/** A link that no longer works (used, expired, revoked) is one sentence, whatever the service found. */
async function withLink<T>(reason: Reason, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isAppError(error) && !error.fields && error.code !== "rate_limited") throw new AppError(error.code, error.message, undefined, { reason });
    throw error;
  }
}

export const setPasswordAction = publicAction(formFields, async function setPasswordAction(input, { db }): Promise<FormAnswer> {
  const pair = passwordPairSchema.parse({ password: input.password, confirm: input.confirm });
  await withLink("password_link.invalid", () => setPasswordWithLink(db, tokenSchema.parse(input.token ?? ""), pair.password, getConfig().authSecret));
  return { message: (await getTranslations("accounts"))("setPassword.done"), redirect: "/login?reset=1" };
});

export const acceptInvitationAction = publicAction(formFields, async function acceptInvitationAction(input, { db }): Promise<FormAnswer> {
  const name = z.string().trim().min(1, { error: "invitation.nameInvalid" }).max(100, { error: "invitation.nameInvalid" }).parse(input.name ?? "");
  const pair = passwordPairSchema.parse({ password: input.password, confirm: input.confirm });
  const locale = await getLocale();
  await withLink("invitation.invalid", () => acceptInvitation(db, tokenSchema.parse(input.token ?? ""), { name, password: pair.password, locale: isLocale(locale) ? locale : "zh-CN" }));
  return { message: (await getTranslations("accounts"))("invitation.done"), redirect: "/login?joined=1" };
});
