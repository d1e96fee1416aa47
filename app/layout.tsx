import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { HydrationHint } from "@/components/shell/hydration-hint";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common.app");
  return { title: { default: t("name"), template: `%s · ${t("shortName")}` } };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("common.app");
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        {/* The shell's words; each area's layout adds its own (components/i18n/client-messages.tsx). */}
        <ClientMessages namespaces={[]}>
          {children}
        </ClientMessages>
        <HydrationHint text={t("loading")} />
      </body>
    </html>
  );
}
