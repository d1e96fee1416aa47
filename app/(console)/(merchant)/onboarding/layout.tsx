import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

// The wizard, its photo uploads, WeChat's hand-offs and support's feedback.
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={["wizard", "media", "wechat", "review.merchant"]}>{children}</ClientMessages>;
}
