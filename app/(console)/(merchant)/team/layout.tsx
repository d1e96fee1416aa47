import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

// Invitations and roles are account forms.
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["accounts"]}>{children}</ClientMessages>;
}
