import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

// A person's own account: password, mail settings and two-factor forms.
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["accounts"]}>{children}</ClientMessages>;
}
