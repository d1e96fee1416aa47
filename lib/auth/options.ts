import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getConfig, secureCookiesEnabled } from "@/lib/config";
import { dataKeyRing } from "@/lib/crypto/keys";
import { clientAddress } from "@/lib/security/client-address";
import { getDb } from "@/lib/runtime/db";
import { logger } from "@/lib/runtime/logger";
import type { UserRole } from "@/db/schema";
import { RATE_LIMITED_ERROR, SECOND_FACTOR_ERROR, signInSchema } from "./schema";
import { checkSession, endAllSessions, SessionEnded, SESSION_IDLE_SECONDS } from "./session";
import { signInWithLimits } from "./sign-in";
import { checkSecondFactor } from "./two-factor";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string; role: UserRole; merchantId: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: UserRole;
    merchantId?: string | null;
    /** The user's session version when the token was issued. */
    sv?: number;
    /** Sign-in time (seconds): the absolute lifetime counts from here, renewals do not move it. */
    authAt?: number;
  }
}

export const SESSION_MAX_AGE_SECONDS = SESSION_IDLE_SECONDS;

export function authOptions(): NextAuthOptions {
  const config = getConfig();
  return {
    secret: config.authSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    // next-auth's cookies are HttpOnly and SameSite=Lax; this adds Secure (and the __Secure- prefix).
    useSecureCookies: secureCookiesEnabled(),
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "credentials",
        credentials: { email: { type: "email" }, password: { type: "password" }, code: { type: "text" } },
        async authorize(credentials, request) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const address = clientAddress((request?.headers ?? {}) as Record<string, string>, config.trustedProxies);
          const db = await getDb();
          const code = parsed.data.code;
          const result = await signInWithLimits(db, { ...parsed.data, address }, config.signInLimits, config.authSecret, new Date(), async (user) => {
            if (!user.totpEnabledAt) return "ok";
            if (!code) return "required";
            return checkSecondFactor(db, dataKeyRing(), user.id, code);
          });
          if (!result.ok) {
            // The message travels to the form as the error code; it names no account.
            if (result.reason === "rate_limited") {
              logger.warn("auth.rate_limited");
              throw new Error(RATE_LIMITED_ERROR);
            }
            if (result.reason === "second_factor_required") throw new Error(SECOND_FACTOR_ERROR);
            return null;
          }
          const user = result.user;
          return { id: user.id, email: user.email, name: user.name, role: user.role, merchantId: user.merchantId, sessionVersion: user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as unknown as { id: string; role: UserRole; merchantId: string | null; sessionVersion: number };
          token.uid = u.id;
          token.role = u.role;
          token.merchantId = u.merchantId;
          token.sv = u.sessionVersion;
          token.authAt = Math.floor(Date.now() / 1000);
          return token;
        }
        // Every read of the session (pages, actions, /api/auth/session) checks the token against the
        // database; a SessionEnded thrown here makes next-auth answer no session and clear the cookie.
        const current = await checkSession(await getDb(), token);
        token.role = current.role;
        token.merchantId = current.merchantId;
        token.name = current.name;
        return token;
      },
      session({ session, token }) {
        session.user = {
          id: token.uid ?? "",
          email: token.email ?? "",
          name: token.name ?? "",
          role: token.role ?? "viewer",
          merchantId: token.merchantId ?? null,
        };
        return session;
      },
    },
    events: {
      // Signing out ends every session of the user, so a copied cookie stops working too.
      async signOut({ token }) {
        if (token?.uid) await endAllSessions(await getDb(), token.uid);
      },
    },
    logger: {
      error(code, metadata) {
        if (code === "JWT_SESSION_ERROR" && metadata instanceof SessionEnded) {
          logger.info("auth.session_ended", { reason: metadata.message });
          return;
        }
        logger.error("auth.error", { code });
      },
      warn(code) {
        logger.warn("auth.warning", { code });
      },
      debug() {},
    },
  };
}
