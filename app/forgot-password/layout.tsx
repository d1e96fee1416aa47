import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

// Account forms look their field messages up under accounts.
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["accounts"]}>{children}</ClientMessages>;
}
