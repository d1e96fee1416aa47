import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { getConfig, secureCookiesEnabled } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { getDb } from "@/lib/runtime/db";
import { currentUser } from "./guard";
import { endAllSessions } from "./session";
import type { SessionUser } from "./users";

// next-auth v4's cookie names; a large session token is split into `.0`, `.1`, … chunks.
const nextAuthCookies = ["next-auth.session-token", "next-auth.callback-url", "next-auth.csrf-token"];

/** The sign-out form's proof that it came from a page of this session, not from another site's form. */
export function signOutToken(user: Pick<SessionUser, "id" | "sessionVersion">): string {
  return createHmac("sha256", getConfig().authSecret).update(`sign-out:${user.id}:${user.sessionVersion}`).digest("base64url");
}

/**
 * Signs the current user out without next-auth's client: every session of the user ends (a copied
 * cookie stops working too) and this browser's cookies go. A live session needs the form's token;
 * a session already ended elsewhere just loses its cookies.
 */
export async function signOutCurrentUser(token: unknown): Promise<void> {
  // No catch: if the user cannot be read, the sessions cannot be ended, and the cookies stay too.
  const user = await currentUser();
  if (user) {
    const expected = Buffer.from(signOutToken(user));
    const given = Buffer.from(typeof token === "string" ? token : "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError("forbidden", "The sign-out form did not come from this session.");
    await endAllSessions(await getDb(), user.id);
  }
  const jar = await cookies();
  const secure = secureCookiesEnabled();
  for (const { name } of jar.getAll()) {
    const base = name.replace(/^__(Secure|Host)-/, "").replace(/\.\d+$/, "");
    // A __Secure-/__Host- cookie can only be overwritten with Secure set, deletion included.
    if (nextAuthCookies.includes(base)) jar.set(name, "", { maxAge: 0, path: "/", httpOnly: true, sameSite: "lax", secure: secure || name.startsWith("__") });
  }
}
