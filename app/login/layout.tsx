import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

// The sign-in form's words; the rest of the accounts messages stay on the server.
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["accounts.login"]}>{children}</ClientMessages>;
}
