import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireSignedInPage } from "@/lib/auth/guard";
import { signOutToken } from "@/lib/auth/sign-out";
import { signOutAction } from "./account/actions";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  // Signed in is enough here: staff without two-factor reach their enrolment page inside the shell;
  // every page below checks role and two-factor itself.
  const user = await requireSignedInPage();
  return <AppShell user={user} signOut={{ action: signOutAction, token: signOutToken(user) }}>{children}</AppShell>;
}
