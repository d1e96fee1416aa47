import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

// The settlement account form reuses the wizard's bank fields and rules.
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["funds", "wizard", "media", "review.merchant"]}>{children}</ClientMessages>;
}
