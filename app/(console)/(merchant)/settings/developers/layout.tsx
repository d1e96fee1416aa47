import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

// API keys, webhooks and the checkout player.
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["developers"]}>{children}</ClientMessages>;
}
