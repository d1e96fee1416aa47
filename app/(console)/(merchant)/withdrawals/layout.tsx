import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

// Balance, withdrawals and the ledger; the status badges' words.
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["funds", "payments.status", "review.status"]}>{children}</ClientMessages>;
}
