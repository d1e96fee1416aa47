import { Link } from "@/components/ui/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/auth/users";
import { homePathFor, navigationByRole } from "@/lib/auth/navigation";
import { LanguageSwitch } from "./language-switch";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export async function AppShell({ user, signOut, children }: { user: SessionUser; signOut: { action: (form: FormData) => Promise<unknown>; token: string }; children: ReactNode }) {
  const t = await getTranslations("common");
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {t("app.skipToContent")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-x-6 gap-y-3 px-4 py-3">
          <Link href={homePathFor(user.role)} className="text-base font-semibold text-brand-800">
            <span className="hidden lg:inline">{t("app.name")}</span>
            <span className="lg:hidden">{t("app.shortName")}</span>
          </Link>
          <div className="hidden items-center gap-x-5 text-sm md:flex">
            <AccountSummary user={user} />
            <LanguageSwitch id="language-switch-desktop" />
            <SignOutButton {...signOut} />
          </div>
          {/* On phones the account details fold into a disclosure so the page starts near the top. */}
          <details className="group relative md:hidden">
            <summary className="flex min-h-10 cursor-pointer list-none items-center gap-1 rounded-md border border-slate-300 px-3 text-sm font-medium">
              {t("shell.menu")}
              <span aria-hidden className="transition-transform group-open:rotate-180">▾</span>
            </summary>
            <div className="absolute right-0 z-20 mt-2 flex w-72 flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-lg">
              <AccountSummary user={user} />
              <LanguageSwitch id="language-switch-mobile" />
              <SignOutButton {...signOut} />
            </div>
          </details>
        </div>
      </header>
      <div className="mx-auto flex w-full max-w-7xl flex-1 flex-col md:flex-row">
        <nav aria-label={t("nav.label")} className="border-b border-slate-200 bg-white px-2 py-2 md:w-56 md:shrink-0 md:border-b-0 md:border-r md:bg-transparent md:px-3 md:py-6">
          <NavLinks items={navigationByRole[user.role]} />
        </nav>
        <main id="main" className="min-w-0 flex-1 px-4 py-6 md:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}

async function AccountSummary({ user }: { user: SessionUser }) {
  const t = await getTranslations("common");
  return (
    <div className="flex flex-col gap-3 md:flex-row md:gap-5">
      <div className="flex flex-col leading-tight" data-testid="signed-in-user">
        <span className="text-slate-600">
          {t("shell.signedInAs")} · {t(`roles.${user.role}`)}
        </span>
        <span className="font-medium">{user.name}</span>
      </div>
      {user.merchantName ? (
        <div className="flex flex-col leading-tight" data-testid="merchant-name">
          <span className="text-slate-600">{t("shell.merchant")}</span>
          <span className="font-medium">{user.merchantName}</span>
        </div>
      ) : null}
    </div>
  );
}
