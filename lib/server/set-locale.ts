"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { secureCookiesEnabled } from "@/lib/config";
import { LOCALE_COOKIE, locales } from "@/lib/i18n/config";
import { publicAction } from "@/lib/server/action";

/** Remembers the language for a year; open to signed-out users too (the login page has the switch). */
export const setLocale = publicAction(z.object({ locale: z.enum(locales) }), async function setLocale({ locale }) {
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax", httpOnly: true, secure: secureCookiesEnabled() });
  return null;
});
