import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getConfig } from "@/lib/config";
import { clientAddress } from "@/lib/security/client-address";
import { secureCookiesEnabled } from "@/lib/security/cookies";
import { getDb } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import type { UserRole } from "@/db/schema";
import { RATE_LIMITED_ERROR, signInSchema } from "./schema";
import { signInWithLimits } from "./sign-in";

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
  }
}

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

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
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, request) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const address = clientAddress((request?.headers ?? {}) as Record<string, string>);
          const result = await signInWithLimits(await getDb(), { ...parsed.data, address }, config.signInLimits, config.authSecret);
          if (!result.ok) {
            // The message travels to the form as the error code; it names no account.
            if (result.reason === "rate_limited") {
              logger.warn("auth.rate_limited");
              throw new Error(RATE_LIMITED_ERROR);
            }
            return null;
          }
          const user = result.user;
          return { id: user.id, email: user.email, name: user.name, role: user.role, merchantId: user.merchantId };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          const u = user as unknown as { id: string; role: UserRole; merchantId: string | null };
          token.uid = u.id;
          token.role = u.role;
          token.merchantId = u.merchantId;
        }
        return token;
      },
      session({ session, token }) {
        session.user = {
          id: token.uid ?? "",
          email: token.email ?? "",
          name: token.name ?? "",
          role: token.role ?? "merchant_admin",
          merchantId: token.merchantId ?? null,
        };
        return session;
      },
    },
  };
}
