import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/server/db";
import type { UserRole } from "@/db/schema";
import { signInSchema } from "./schema";
import { authenticate } from "./users";

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
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "credentials",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const user = await authenticate(await getDb(), parsed.data.email, parsed.data.password);
          if (!user) return null;
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
