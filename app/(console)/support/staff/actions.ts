"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { invite } from "@/lib/accounts/invitations";
import { deactivateStaff } from "@/lib/accounts/staff";
import { resetTwoFactor } from "@/lib/accounts/two-factor";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { formFields, supportAction, type FormAnswer } from "@/lib/server/action";

// Staff management: support_admin only.
const admins = { roles: ["support_admin"] } as const;

function done(message: string): FormAnswer {
  revalidatePath("/support/staff");
  return { message };
}

const userIdOf = (input: Record<string, unknown>) => {
  const id = String(input.userId ?? "");
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("not_found", "No such person.");
  return id;
};

export const inviteStaffAction = supportAction(formFields, async function inviteStaffAction(input, { actor, db }) {
  const role = input.role === "support_admin" ? "support_admin" : "support";
  await invite(db, actor, null, { email: String(input.email ?? ""), role, locale: input.locale === "en" ? "en" : "zh-CN" }, getConfig().authUrl);
  return done((await getTranslations("accounts.team"))("invited", { email: String(input.email ?? "").trim() }));
}, admins);

export const resetTwoFactorAction = supportAction(formFields, async function resetTwoFactorAction(input, { actor, db }) {
  await resetTwoFactor(db, actor.id, userIdOf(input));
  return done((await getTranslations("accounts.staff"))("resetDone"));
}, admins);

export const deactivateStaffAction = supportAction(formFields, async function deactivateStaffAction(input, { actor, db }) {
  await deactivateStaff(db, actor.id, userIdOf(input));
  return done((await getTranslations("accounts.staff"))("deactivated"));
}, admins);
