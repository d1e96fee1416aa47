import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";
import { requirePageUser } from "@/lib/auth/guard";

export default async function SupportLayout({ children }: { children: ReactNode }) {
  await requirePageUser("support");
  // Staff pages show every part of an application, its audit and the funds: all the console's words.
  return (
    <ClientMessages namespaces={["accounts", "audit", "developers", "funds", "media", "payments", "review", "system", "wechat", "wizard"]}>
      {children}
    </ClientMessages>
  );
}
