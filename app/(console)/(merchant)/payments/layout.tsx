import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

// The payments table, filters, chart and drawer; the status badges' words.
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["payments", "review.status", "funds.withdrawalStatus"]}>{children}</ClientMessages>;
}
